package io.smartnas.search;

import io.smartnas.space.evaluation.Standing;
import io.smartnas.results.GenerationRecord;
import io.smartnas.results.ResultStore;
import io.smartnas.space.Genome;
import io.smartnas.space.evaluation.Targets;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Writes each generation of a run to the store: its population (to resume from), counts, best and front quality. */
final class GenerationRecorder {
    /** Latency reference of the front's quality when the run sets no latency target. */
    static final double DEFAULT_LATENCY_REFERENCE_MS = 100;

    private final ResultStore store;
    private final long runId;
    private final Measurer measurer;
    private final SearchSettings settings;
    private final SearchProgress progress;
    private final double bytesReference;

    GenerationRecorder(ResultStore store, long runId, Measurer measurer, SearchSettings settings,
                       SearchProgress progress) {
        this.store = store;
        this.runId = runId;
        this.measurer = measurer;
        this.settings = settings;
        this.progress = progress;
        Targets t = settings.targets();
        this.bytesReference = t.maxBytes() != null ? t.maxBytes()
                : t.maxParams() != null ? 4.0 * t.maxParams() : SpaceExtremes.largestBytes(settings.bounds());
    }

    void record(int generation, List<Proposal> population) {
        Map<String, Standing> known = measurer.known();
        List<Standing> feasible = known.values().stream().filter(Standing::feasible).toList();
        Map.Entry<String, Standing> best = known.entrySet().stream().filter(e -> e.getValue().feasible())
                .max(Map.Entry.comparingByValue()).orElse(null);
        Targets t = settings.targets();
        double latencyReference = t.maxLatencyMs() != null ? t.maxLatencyMs() : DEFAULT_LATENCY_REFERENCE_MS;
        List<Genome> genomes = population.stream().map(Proposal::genome).toList();
        GenerationRecord record = new GenerationRecord(runId, generation,
                population.stream().map(Proposal::id).toList(), GenomeJson.writeAll(genomes), known.size(),
                feasible.size(), best == null ? null : best.getKey(),
                best == null ? Double.NaN : best.getValue().accuracy(),
                Hypervolume.of(feasible, latencyReference, bytesReference), Instant.now());
        store.putGeneration(record);
        progress.recorded(record);
    }
}
