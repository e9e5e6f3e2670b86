package io.smartnas.launcher;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.smartnas.results.FinalModel;
import io.smartnas.results.Measured;
import io.smartnas.search.SearchResult;
import io.smartnas.space.evaluation.Evaluation;

import java.nio.file.Path;
import java.util.List;

/** The last line of {@code smartnas search --json}: what the run found, and the best or the closest candidate. */
record SearchJson(long run, int evaluations, int feasible, int front, String stoppedBy, Candidate best,
                  @JsonInclude(JsonInclude.Include.NON_NULL) Candidate closest) {
    /**
     * A candidate, with the file it was exported to (the best) or the targets it misses (the closest), and when the
     * run's final training kept it, the test accuracy of that model (last exit) and its directory.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Candidate(String id, double accuracy, double latencyMs, double anytimeLatencyMs, long params, long bytes,
                     String file, List<String> misses, Double testAccuracy, String model) {
        static Candidate of(Measured m, Path file, List<String> misses, FinalModel kept) {
            Evaluation e = kept == null || kept.modelDir() == null ? null : kept.evaluation().evaluation();
            boolean mine = e != null && e.configId().equals(m.configId());
            return new Candidate(m.configId(), m.accuracy(), m.latencyMs(), m.anytimeLatencyMs(), m.params(),
                    m.bytes(), file == null ? null : file.toString(), misses,
                    mine ? e.lastExit().testAccuracy() : null, mine ? kept.modelDir() : null);
        }
    }

    static SearchJson of(SearchResult result, Path bestFile) {
        return new SearchJson(result.runId(), result.evaluations(), result.feasible(), result.front().size(),
                result.stoppedBy(), result.best() == null ? null : Candidate.of(result.best(), bestFile, null,
                result.finalModel()), result.closest() == null ? null : Candidate.of(result.closest(), null,
                result.misses(), result.finalModel()));
    }
}
