package io.smartnas.search;

import io.smartnas.space.evaluation.Standing;
import io.smartnas.results.CandidateRecord;
import io.smartnas.results.Measured;
import io.smartnas.results.ResultStore;
import io.smartnas.results.StoredEvaluation;
import io.smartnas.results.StoredProfile;
import io.smartnas.space.SmartNetConfig;
import io.smartnas.space.evaluation.Evaluation;
import io.smartnas.space.evaluation.EvaluationStatus;
import io.smartnas.space.evaluation.Evaluator;
import io.smartnas.space.evaluation.LatencyMode;
import io.smartnas.space.evaluation.Targets;
import io.smartnas.space.latency.LatencyPrediction;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Gives every proposed candidate of a run its fitness, measuring only what is new, and writing each measurement to
 * the store before the search uses it. In order: a candidate this run already knows keeps its fitness; beyond the
 * budget a candidate gets none (and is not recorded); one whose cost alone breaks a memory target, or whose predicted
 * latency (when the run has a device profile) breaks the latency target, is recorded as {@code rejected-by-cost} and
 * never trained; one measured at the same fidelity on the same kind of device in any run
 * is copied, not retrained; the rest are trained by the evaluator as one batch. One the evaluator cut at the run's
 * deadline is recorded as such, but neither known nor counted: a resumed run trains it again. Not thread-safe: one strategy drives it.
 */
final class Measurer {
    private final ResultStore store;
    private final long runId;
    private final Evaluator evaluator;
    private final SearchSettings settings;
    private final SearchProgress progress;
    /** The device profile latency is predicted with, or null when the run has none. */
    private final StoredProfile profile;
    private final Map<String, Standing> known = new LinkedHashMap<>();
    /** Candidates of the current batch that got no measurement: beyond the budget, or cut at the deadline. */
    private final Map<String, Standing> unmeasured = new HashMap<>();
    /** Whether the last batch sent candidates to train and the evaluator cut every one of them. */
    private boolean everyTrainingCut;

    /** Knows what the run measured before, so that a resumed run trains none of it again. */
    Measurer(ResultStore store, long runId, Evaluator evaluator, SearchSettings settings, SearchProgress progress,
             StoredProfile profile) {
        this.store = store;
        this.profile = profile;
        this.runId = runId;
        this.evaluator = evaluator;
        this.settings = settings;
        this.progress = progress;
        for (Measured m : store.measured(runId, settings.targets())) {
            known.put(m.configId(), m.standing());
        }
    }

    /** Candidates recorded in this run so far. */
    int recorded() {
        return known.size();
    }

    boolean budgetLeft() {
        return known.size() < settings.budget().evaluations();
    }

    /**
     * Whether the evaluator cut every candidate the last batch asked it to train: the run's time is up, or none of
     * them would have been measured in the time left. Candidates the run already knew do not count.
     */
    boolean everyTrainingCut() {
        return everyTrainingCut;
    }

    /** The fitness of every candidate this run recorded, by config id, in the order they were recorded. */
    Map<String, Standing> known() {
        return java.util.Collections.unmodifiableMap(known);
    }

    /** The fitness of each proposal, in order. */
    List<Standing> measure(List<Proposal> proposals) {
        Targets targets = settings.targets();
        Map<String, SmartNetConfig> toTrain = new LinkedHashMap<>();
        unmeasured.clear();
        for (Proposal p : proposals) {
            String id = p.id();
            if (known.containsKey(id) || toTrain.containsKey(id) || unmeasured.containsKey(id)) {
                continue;
            }
            CandidateRecord candidate = CandidateRecord.of(p.config(), GenomeJson.write(p.genome()));
            if (known.size() + toTrain.size() >= settings.budget().evaluations()) {
                unmeasured.put(id, Standing.untrained(candidate.bytes()));
                continue;
            }
            store.putCandidate(candidate);
            LatencyPrediction predicted = predict(p);
            if (targets.memoryExceeded(candidate.params(), candidate.bytes())) {
                record(reject(id, String.join("; ", targets.memoryMisses(candidate.params(), candidate.bytes()))),
                        candidate);
            } else if (tooSlow(predicted)) {
                record(reject(id, String.format(Locale.ROOT, "predicted latency %.2f ms%s is above the target %s ms "
                        + "(device profile %d: %s)", predicted.leastFor(targets.latencyMode()),
                        targets.latencyMode() == LatencyMode.ANYTIME ? " leaving at the first exit" : "",
                        targets.maxLatencyMs(), profile.id(), profile.profile().device())), candidate);
            } else {
                var reusable = store.lookup(id, settings.fidelity(), settings.deviceClass());
                if (reusable.isPresent()) {
                    record(reuse(reusable.get()), candidate);
                } else {
                    toTrain.put(id, p.config());
                }
            }
        }
        everyTrainingCut = !toTrain.isEmpty() && evaluator.evaluate(List.copyOf(toTrain.values()),
                settings.fidelity(), e -> record(e, store.candidate(e.configId()).orElseThrow())).stream()
                .allMatch(e -> e.status() == EvaluationStatus.CUT);
        List<Standing> fitness = new ArrayList<>(proposals.size());
        for (Proposal p : proposals) {
            Standing f = known.get(p.id());
            fitness.add(f != null ? f : unmeasured.get(p.id()));
        }
        return fitness;
    }

    private void record(Evaluation evaluation, CandidateRecord candidate) {
        store.addEvaluation(runId, evaluation);
        Standing fitness = fitness(evaluation, candidate);
        if (evaluation.status() == EvaluationStatus.CUT) {
            // Not a measurement: it does not count against the budget, and a resumed run trains it again.
            unmeasured.put(evaluation.configId(), fitness);
        } else {
            known.put(evaluation.configId(), fitness);
        }
        progress.measured(evaluation, candidate.params(), fitness.feasible(), known.size(),
                settings.budget().evaluations());
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
        return new Evaluation(e.configId(), e.fidelity(), e.status(), e.exits(), e.peakMemoryBytes(),
                e.memoryMeasured(), e.device(), e.started(), e.finished(), e.error(), provenance, e.anytimeLatencyMs());
    }

    private Standing fitness(Evaluation e, CandidateRecord candidate) {
        return Measured.of(0, runId, e, candidate, settings.targets()).standing();
    }
}
