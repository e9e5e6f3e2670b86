package io.smartnas.search;

import io.smartnas.space.evaluation.Standing;
import io.smartnas.results.CandidateRecord;
import io.smartnas.results.Measured;
import io.smartnas.results.ResultStore;
import io.smartnas.results.StoredEvaluation;
import io.smartnas.results.StoredProfile;
import io.smartnas.space.SmartNetConfig;
import io.smartnas.space.evaluation.Assignment;
import io.smartnas.space.evaluation.Evaluation;
import io.smartnas.space.evaluation.EvaluationStatus;
import io.smartnas.space.evaluation.Evaluator;
import io.smartnas.space.evaluation.LatencyMode;
import io.smartnas.space.evaluation.Lineage;
import io.smartnas.space.evaluation.Targets;
import io.smartnas.space.latency.LatencyPrediction;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Gives every proposed candidate of a run its fitness, measuring only what is new, and writing each measurement to
 * the store before the search uses it. In order: a candidate this run already knows keeps its fitness; beyond the
 * budget a candidate gets none (and is not recorded); one whose cost alone breaks a memory target, or whose predicted
 * latency (when the run has a device profile) breaks the latency target, is recorded as {@code rejected-by-cost} and
 * never trained; one measured at the same fidelity on the same kind of device in any run
 * is copied, not retrained; the rest are trained by the evaluator as one batch, on rung 0 of the run's fidelity ladder,
 * each starting from the trained network it shares most first columns with when the run inherits
 * ({@link Inheritance}). Then the promotions the {@link Ladder} says are due go on training from their checkpoints on
 * the next rung, until none is due; and checkpoints no promotion or child can use are deleted ({@link Checkpoints}).
 * A candidate's fitness is its measurement on the highest rung it reached. One the evaluator cut at the run's deadline
 * is recorded as such, but neither known nor counted: a resumed run trains it again. Not thread-safe: one strategy
 * drives it.
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
    private final Ladder ladder;
    /** The networks kept on disk, or null when the run keeps none. */
    private final Checkpoints checkpoints;
    /** The candidates the strategy breeds from now: their networks are kept for children to inherit. */
    private Set<String> population = Set.of();
    /**
     * Promotions the evaluator cut in this process (as {@code id@rung}): the time left only shrinks, so they are not
     * tried again until the run resumes.
     */
    private final Set<String> cutPromotions = new HashSet<>();

    /** Whether the last batch sent candidates to train and the evaluator cut every one of them. */
    private boolean everyTrainingCut;

    /**
     * Knows what the run measured before, so that a resumed run trains none of it again.
     *
     * @param checkpointDir where the run keeps its checkpoints; used only when its settings keep them
     */
    Measurer(ResultStore store, long runId, Evaluator evaluator, SearchSettings settings, SearchProgress progress,
             StoredProfile profile, Path checkpointDir) {
        this.store = store;
        this.profile = profile;
        this.runId = runId;
        this.evaluator = evaluator;
        this.settings = settings;
        this.progress = progress;
        this.ladder = new Ladder(settings.ladder(), settings.rungs() == null ? 2 : settings.rungs().reduction(),
                settings.budget().evaluations());
        this.checkpoints = settings.keepsCheckpoints() ? new Checkpoints(checkpointDir, store) : null;
        for (Measured m : store.measured(runId, settings.targets())) {
            known.put(m.configId(), m.standing());
        }
        for (StoredEvaluation stored : store.evaluations(runId)) {
            Evaluation e = stored.evaluation();
            if (e.status() == EvaluationStatus.CUT) {
                continue;
            }
            Lineage lineage = stored.lineage();
            ladder.add(e.configId(), lineage.rung(), e.ok() ? fitness(e, lineage.rung(),
                    store.candidate(e.configId()).orElseThrow()) : null);
            if (checkpoints != null && lineage.checkpoint() != null) {
                checkpoints.add(e.configId(), lineage.rung(), stored.id(), Path.of(lineage.checkpoint()));
            }
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

    /**
     * The fitness of each proposal, in order, with {@code population} the candidates the strategy breeds from (whose
     * networks children may inherit).
     */
    List<Standing> measure(List<Proposal> proposals, Set<String> population) {
        this.population = Set.copyOf(population);
        Targets targets = settings.targets();
        Map<String, Assignment> toTrain = new LinkedHashMap<>();
        Map<String, Lineage> lineages = new HashMap<>();
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
                        candidate, Lineage.SCRATCH);
            } else if (tooSlow(predicted)) {
                record(reject(id, String.format(Locale.ROOT, "predicted latency %.2f ms%s is above the target %s ms "
                        + "(device profile %d: %s)", predicted.leastFor(targets.latencyMode()),
                        targets.latencyMode() == LatencyMode.ANYTIME ? " leaving at the first exit" : "",
                        targets.maxLatencyMs(), profile.id(), profile.profile().device())), candidate,
                        Lineage.SCRATCH);
            } else {
                var reusable = store.lookup(id, settings.fidelity(), settings.deviceClass());
                if (reusable.isPresent()) {
                    record(reuse(reusable.get()), candidate, Lineage.SCRATCH);
                } else {
                    toTrain.put(id, firstRung(p.config(), lineages));
                }
            }
        }
        // Devices the batch leaves free take the promotions that come due meanwhile (asynchronous successive halving).
        everyTrainingCut = !toTrain.isEmpty() && evaluator.evaluate(List.copyOf(toTrain.values()),
                () -> nextPromotion(lineages), e -> record(e, store.candidate(e.configId()).orElseThrow(),
                        lineages.remove(e.configId()))).stream().allMatch(e -> e.status() == EvaluationStatus.CUT);
        promoteDue();
        List<Standing> fitness = new ArrayList<>(proposals.size());
        for (Proposal p : proposals) {
            Standing f = known.get(p.id());
            fitness.add(f != null ? f : unmeasured.get(p.id()));
        }
        return fitness;
    }

    /**
     * Trains the promotions that are due, rung by rung, until none is (a promotion the evaluator cut is not tried
     * again in this process: the run's time is up, or it would not be measured in the time left); then deletes the
     * checkpoints nothing can use any more. A resumed run calls it first, to finish the promotions a killed one had
     * not.
     */
    void promoteDue() {
        while (true) {
            List<Ladder.Promotion> due = ladder.due().stream()
                    .filter(p -> !cutPromotions.contains(p.configId() + "@" + (p.from() + 1))).toList();
            if (due.isEmpty()) {
                break;
            }
            Map<String, Lineage> lineages = new HashMap<>();
            List<Assignment> batch = new ArrayList<>();
            for (Ladder.Promotion promotion : due) {
                Checkpoints.Kept from = checkpoints.of(promotion.configId(), promotion.from());
                if (from == null) {
                    // Its checkpoint is gone (deleted by hand): it cannot go on, so it stays where it is.
                    ladder.add(promotion.configId(), promotion.from() + 1, null);
                    continue;
                }
                batch.add(promotion(promotion, from, lineages));
            }
            if (!batch.isEmpty()) {
                train(batch, lineages);
            }
        }
        prune();
    }

    /**
     * The first promotion that is due and not in flight, registering its lineage; empty when none is. A candidate is
     * in flight while {@code lineages} holds its lineage: from when it is handed out until its evaluation is recorded.
     */
    private Optional<Assignment> nextPromotion(Map<String, Lineage> lineages) {
        for (Ladder.Promotion promotion : ladder.due()) {
            String key = promotion.configId() + "@" + (promotion.from() + 1);
            Checkpoints.Kept from = checkpoints.of(promotion.configId(), promotion.from());
            if (cutPromotions.contains(key) || lineages.containsKey(promotion.configId()) || from == null) {
                continue;
            }
            return Optional.of(promotion(promotion, from, lineages));
        }
        return Optional.empty();
    }

    /** The assignment that takes a candidate from its checkpoint on to the next rung, its lineage registered. */
    private Assignment promotion(Ladder.Promotion promotion, Checkpoints.Kept from, Map<String, Lineage> lineages) {
        SmartNetConfig config = store.candidate(promotion.configId()).orElseThrow().network();
        int rung = promotion.from() + 1;
        Path keep = rung < ladder.top() || settings.inherit() ? checkpoints.dir(config.id(), rung) : null;
        lineages.put(config.id(), new Lineage(rung, keep == null ? null : keep.toString(), from.evaluationId(),
                config.size()));
        return new Assignment(config, ladder.fidelity(rung), from.dir(), config.size(), keep);
    }

    /** A new candidate's training on rung 0: from scratch, or from the network it shares most first columns with. */
    private Assignment firstRung(SmartNetConfig config, Map<String, Lineage> lineages) {
        Path keep = checkpoints == null ? null : checkpoints.dir(config.id(), 0);
        String kept = keep == null ? null : keep.toString();
        var choice = settings.inherit() ? Inheritance.choose(config, parents()) : java.util.Optional
                .<Inheritance.Choice>empty();
        if (choice.isEmpty()) {
            lineages.put(config.id(), new Lineage(0, kept, null, 0));
            return new Assignment(config, settings.fidelity(), null, 0, keep);
        }
        Checkpoints.Kept from = choice.get().parent().checkpoint();
        lineages.put(config.id(), new Lineage(0, kept, from.evaluationId(), choice.get().groups()));
        return new Assignment(config, settings.fidelity(), from.dir(), choice.get().groups(), keep);
    }

    /** Every candidate's highest kept checkpoint, with its config and standing. */
    private List<Inheritance.Parent> parents() {
        Map<String, Checkpoints.Kept> highest = new LinkedHashMap<>();
        for (Checkpoints.Kept k : checkpoints.all()) {
            highest.merge(k.configId(), k, (a, b) -> b.rung() > a.rung() ? b : a);
        }
        List<Inheritance.Parent> parents = new ArrayList<>();
        for (Checkpoints.Kept k : highest.values()) {
            Standing standing = known.get(k.configId());
            if (standing != null) {
                parents.add(new Inheritance.Parent(store.candidate(k.configId()).orElseThrow().network(), standing,
                        k));
            }
        }
        return parents;
    }

    /** Trains a batch, recording each result with its lineage as it arrives. */
    private List<Evaluation> train(List<Assignment> batch, Map<String, Lineage> lineages) {
        return evaluator.evaluate(batch, e -> record(e, store.candidate(e.configId()).orElseThrow(),
                lineages.remove(e.configId())));
    }

    /**
     * Deletes the checkpoints that no promotion and no child can use: a candidate's checkpoint on a rung is kept
     * while it may still be promoted from there ({@link Ladder#promotable}), and, when the run inherits, its highest
     * one while it is in the population the strategy breeds from.
     */
    private void prune() {
        if (checkpoints == null) {
            return;
        }
        Map<String, Integer> highest = new HashMap<>();
        for (Checkpoints.Kept k : checkpoints.all()) {
            highest.merge(k.configId(), k.rung(), Math::max);
        }
        int deleted = checkpoints.prune(k -> ladder.promotable(k.configId(), k.rung())
                || settings.inherit() && population.contains(k.configId()) && highest.get(k.configId()) == k.rung());
        progress.checkpoints(checkpoints.count(), checkpoints.bytes(), deleted);
    }

    private void record(Evaluation evaluation, CandidateRecord candidate, Lineage lineage) {
        boolean cut = evaluation.status() == EvaluationStatus.CUT;
        // A checkpoint is referenced only by an evaluation that wrote one.
        Lineage stored = evaluation.ok() || lineage.checkpoint() == null ? lineage
                : new Lineage(lineage.rung(), null, lineage.startedFrom(), lineage.inheritedGroups());
        long id = store.addEvaluation(runId, evaluation, stored);
        Standing fitness = fitness(evaluation, lineage.rung(), candidate);
        if (cut) {
            // Not a measurement: it does not count against the budget, and a resumed run trains it again.
            if (lineage.rung() == 0) {
                unmeasured.put(evaluation.configId(), fitness);
            } else {
                cutPromotions.add(evaluation.configId() + "@" + lineage.rung());
            }
        } else {
            ladder.add(evaluation.configId(), lineage.rung(), evaluation.ok() ? fitness : null);
            // A promotion that failed leaves the candidate where it stood.
            if (lineage.rung() == 0 || evaluation.ok()) {
                known.put(evaluation.configId(), fitness);
            }
            if (checkpoints != null && stored.checkpoint() != null) {
                checkpoints.add(evaluation.configId(), lineage.rung(), id, Path.of(stored.checkpoint()));
            }
        }
        progress.measured(evaluation, stored, candidate.params(), fitness.feasible(), known.size(),
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

    private Standing fitness(Evaluation e, int rung, CandidateRecord candidate) {
        return Measured.of(0, runId, e, rung, candidate, settings.targets()).standing();
    }
}
