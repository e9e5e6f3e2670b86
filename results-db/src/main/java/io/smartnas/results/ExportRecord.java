package io.smartnas.results;

import java.time.Instant;

/** A config file written out of a run: which candidate, as what ({@code best} or {@code pareto}), where and when. */
public record ExportRecord(long runId, String configId, String kind, String path, Instant exported) {
}
