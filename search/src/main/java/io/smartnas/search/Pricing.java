package io.smartnas.search;

import io.smartnas.results.CandidateRecord;
import io.smartnas.results.ResultStore;
import io.smartnas.results.StoredEvaluation;
import io.smartnas.results.StoredProfile;
import io.smartnas.space.evaluation.Evaluation;
import io.smartnas.space.evaluation.EvaluationStatus;
import io.smartnas.space.evaluation.LatencyMode;
import io.smartnas.space.evaluation.Targets;
import io.smartnas.space.latency.LatencyPrediction;

import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a new candidate costs before anything is trained: its size against a memory target, its latency as the run's
 * device profile predicts it (stored beside the candidate) against the latency target, and whether the same network
 * was measured at the same fidelity on the same kind of device, in any run. A candidate either is answered at once,
 * rejected by its cost or reused, or must be trained.
 */
final class Pricing {
    private final ResultStore store;
    private final SearchSettings settings;
    /** The device profile latency is predicted with, or null when the run has none. */
    private final StoredProfile profile;

    Pricing(ResultStore store, SearchSettings settings, StoredProfile profile) {
        this.store = store;
        this.settings = settings;
        this.profile = profile;
    }

    /**
     * The evaluation that answers {@code p} without training: rejected by its cost, or a copy of one measured before;
     * empty when it must be trained.
     */
    Optional<Evaluation> answer(Proposal p, CandidateRecord candidate) {
        Targets targets = settings.targets();
        LatencyPrediction predicted = predict(p);
        if (targets.memoryExceeded(candidate.params(), candidate.bytes())) {
            return Optional.of(reject(p.id(), String.join("; ", targets.memoryMisses(candidate.params(),
                    candidate.bytes()))));
        }
        if (tooSlow(predicted)) {
            return Optional.of(reject(p.id(), String.format(Locale.ROOT, "predicted latency %.2f ms%s is above the "
                    + "target %s ms (device profile %d: %s)", predicted.leastFor(targets.latencyMode()),
                    targets.latencyMode() == LatencyMode.ANYTIME ? " leaving at the first exit" : "",
                    targets.maxLatencyMs(), profile.id(), profile.profile().device())));
        }
        return store.lookup(p.id(), settings.fidelity(), settings.deviceClass()).map(Pricing::reuse);
    }

    /** The proposal's latency under the run's device profile, stored beside the candidate; null without one. */
    private LatencyPrediction predict(Proposal p) {
        if (profile == null) {
            return null;
        }
        LatencyPrediction predicted = profile.profile().predict(p.config());
        store.putPrediction(p.id(), profile.id(), predicted);
        return predicted;
    }

    /** Whether a prediction says the latency target cannot be met. */
    private boolean tooSlow(LatencyPrediction predicted) {
        Double target = settings.targets().maxLatencyMs();
        return predicted != null && target != null && predicted.leastFor(settings.targets().latencyMode()) > target;
    }

    private Evaluation reject(String id, String misses) {
        Instant now = Instant.now();
        String reason = misses + " by the cost model, so it was not trained";
        return Evaluation.unsuccessful(id, settings.fidelity(), EvaluationStatus.REJECTED_BY_COST, reason, "", now,
                now, Map.of("rejected_by", "cost model"));
    }

    /** A measurement of another run (or an earlier one of this), recorded here as a copy that names its source. */
    private static Evaluation reuse(StoredEvaluation stored) {
        Evaluation e = stored.evaluation();
        Map<String, String> provenance = new HashMap<>(e.provenance());
        provenance.put("reused_evaluation", String.valueOf(stored.id()));
        provenance.put("reused_from_run", String.valueOf(stored.runId()));
        return e.withProvenance(provenance);
    }
}
