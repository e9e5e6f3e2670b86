package io.smartnas.search;

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
import io.smartnas.space.evaluation.Interruption;
import io.smartnas.space.evaluation.Lineage;
import io.smartnas.space.evaluation.Standing;
import io.smartnas.space.importance.Importance;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

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
 * is recorded as such, but neither known nor counted: a resumed run trains it again. An asynchronous strategy has it
 * measure children one at a time as devices come free instead ({@link #measureAsynchronously}). Not thread-safe: one
 * strategy drives it, and the evaluator calls it back one call at a time.
 */
final class Measurer {
    private final ResultStore store;
    private final long runId;
    private final Evaluator evaluator;
    private final SearchSettings settings;
    private final SearchProgress progress;
    /** Answers what need not be trained: rejected by its cost, or measured before. */
    private final Pricing pricing;
    /** Proposals in a row already measured or in flight after which asynchronous breeding has nothing new. */
    static final int MOST_REPEATS = 1000;
    private final Map<String, Standing> known = new LinkedHashMap<>();
    /** What each candidate's trained network used, from its evaluation on the highest rung that measured it. */
    private final Map<String, Importance> importance = new HashMap<>();
    /** Candidates of the current batch that got no measurement: beyond the budget, or cut at the deadline. */
    private final Map<String, Standing> unmeasured = new HashMap<>();
    private final Ladder ladder;
    /** The networks kept on disk, or null when the run keeps none. */
    private final Checkpoints checkpoints;
    /** The candidates the strategy breeds from now: their networks are kept for children to inherit. */
    private Set<String> population = Set.of();
    private final Promotions promotions;
    /** Whose deadline ends asynchronous breeding. */
    private final Interruption interruption;

    /**
     * The lineage of every training in flight, by config id: from when it is handed to the evaluator until its
     * evaluation is recorded.
     */
    private final Map<String, Lineage> flying = new HashMap<>();
    /** Whether the last batch sent candidates to train and the evaluator cut every one of them. */
    private boolean everyTrainingCut;

    /**
     * Knows what the run measured before, so that a resumed run trains none of it again.
     *
     * @param checkpointDir where the run keeps its checkpoints; used only when its settings keep them
     */
    Measurer(ResultStore store, long runId, Evaluator evaluator, SearchSettings settings, SearchProgress progress,
             StoredProfile profile, Path checkpointDir, Interruption interruption) {
        this.store = store;
        this.pricing = new Pricing(store, settings, profile);
        this.interruption = interruption;
        this.runId = runId;
        this.evaluator = evaluator;
        this.settings = settings;
        this.progress = progress;
        this.ladder = new Ladder(settings.ladder(), settings.rungs() == null ? 2 : settings.rungs().reduction(),
                settings.budget().evaluations());
        this.checkpoints = settings.keepsCheckpoints() ? new Checkpoints(checkpointDir, store) : null;
        this.promotions = new Promotions(ladder, checkpoints, store, settings);
        for (Measured m : store.measured(runId, settings.targets())) {
            known.put(m.configId(), m.standing());
        }
        for (StoredEvaluation stored : store.evaluations(runId)) {
            Evaluation e = stored.evaluation();
            if (e.status() == EvaluationStatus.CUT) {
                continue;
            }
            Lineage lineage = stored.lineage();
            learn(e);
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

    /** What the trained network of a candidate this run measured used, when its evaluation says. */
    Optional<Importance> importance(String configId) {
        return Optional.ofNullable(importance.get(configId));
    }

    /** Keeps an evaluation's importance: the latest is of the highest rung, since a candidate goes up one at a time. */
    private void learn(Evaluation e) {
        if (e.importance() != null) {
            importance.put(e.configId(), e.importance());
        }
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
        Map<String, Assignment> toTrain = new LinkedHashMap<>();
        unmeasured.clear();
        for (Proposal p : proposals) {
            String id = p.id();
            if (known.containsKey(id) || toTrain.containsKey(id) || unmeasured.containsKey(id)) {
                continue;
            }
            if (known.size() + toTrain.size() >= settings.budget().evaluations()) {
                unmeasured.put(id, Standing.untrained(CandidateRecord.of(p.config(), GenomeJson.write(p.genome()))
                        .bytes()));
                continue;
            }
            admit(p).ifPresent(a -> toTrain.put(id, a));
        }
        // Devices the batch leaves free take the promotions that come due meanwhile (asynchronous successive halving).
        everyTrainingCut = !toTrain.isEmpty() && evaluator.evaluate(List.copyOf(toTrain.values()),
                () -> promotions.next(flying), this::arrived).stream().allMatch(e -> e.status() == EvaluationStatus.CUT);
        promoteDue();
        List<Standing> fitness = new ArrayList<>(proposals.size());
        for (Proposal p : proposals) {
            Standing f = known.get(p.id());
            fitness.add(f != null ? f : unmeasured.get(p.id()));
        }
        return fitness;
    }

    /**
     * The asynchronous counterpart of {@link #measure}: measures what {@code breed} proposes as devices come free,
     * until it proposes nothing, the budget is spent or the run's time is up; a free device takes a promotion that is
     * due first. A proposal this run knows, one rejected by its cost and one reused from another run are answered at
     * once and {@code breed} is asked again; one to train is answered when its evaluation arrives, in whatever order
     * they arrive. {@code measured} receives each new proposal with its fitness, or null when the evaluator cut it
     * (one the run has measured or has in flight is not measured again, nor answered). As
     * many children cut one after another as the population holds end the breeding, as a generation whose every
     * training was cut does ({@link #everyTrainingCut}); so do {@link #MOST_REPEATS} proposals in a row that the run
     * has measured or has in flight (the breeding has nothing new).
     */
    void measureAsynchronously(Supplier<Optional<Proposal>> breed, BiConsumer<Proposal, Standing> measured) {
        Map<String, Proposal> children = new HashMap<>();
        int[] cutInARow = {0};
        everyTrainingCut = false;
        unmeasured.clear();
        Evaluator.MoreWork more = () -> {
            Optional<Assignment> promotion = promotions.next(flying);
            if (promotion.isPresent()) {
                return promotion;
            }
            int repeats = 0;
            while (!everyTrainingCut && !interruption.timeUp() && repeats < MOST_REPEATS
                    && known.size() + children.size() < settings.budget().evaluations()) {
                Proposal p = breed.get().orElse(null);
                if (p == null) {
                    break;
                }
                if (known.containsKey(p.id()) || children.containsKey(p.id()) || flying.containsKey(p.id())) {
                    repeats++;
                    continue;
                }
                Optional<Assignment> training = admit(p);
                if (training.isPresent()) {
                    children.put(p.id(), p);
                    return training;
                }
                measured.accept(p, known.get(p.id()));
            }
            return Optional.empty();
        };
        evaluator.evaluate(List.of(), more, e -> {
            boolean firstRung = flying.get(e.configId()).rung() == 0;
            arrived(e);
            Proposal child = firstRung ? children.remove(e.configId()) : null;
            if (child != null) {
                cutInARow[0] = e.status() == EvaluationStatus.CUT ? cutInARow[0] + 1 : 0;
                everyTrainingCut = cutInARow[0] >= settings.budget().population();
                measured.accept(child, known.get(child.id()));
            }
        });
        promoteDue();
    }

    /**
     * Says which candidates the strategy breeds from now (their networks are kept for children to inherit), and
     * deletes the checkpoints nothing can use any more.
     */
    void breedingFrom(Set<String> population) {
        this.population = Set.copyOf(population);
        prune();
    }

    /**
     * Prices a new proposal, recording it: rejected by its cost (memory, or predicted latency), or reused from a
     * measurement at the same fidelity on the same kind of device; else the assignment that trains it on rung 0, its
     * lineage registered as in flight.
     */
    private Optional<Assignment> admit(Proposal p) {
        CandidateRecord candidate = CandidateRecord.of(p.config(), GenomeJson.write(p.genome()));
        store.putCandidate(candidate);
        Optional<Evaluation> answered = pricing.answer(p, candidate);
        if (answered.isEmpty()) {
            return Optional.of(firstRung(p.config()));
        }
        record(answered.get(), candidate, Lineage.SCRATCH);
        return Optional.empty();
    }

    /** Records an evaluation the evaluator handed over, with the lineage it was in flight with. */
    private void arrived(Evaluation e) {
        record(e, store.candidate(e.configId()).orElseThrow(), flying.remove(e.configId()));
    }

    /**
     * Trains the promotions that are due, rung by rung, until none is (a promotion the evaluator cut is not tried
     * again in this process: the run's time is up, or it would not be measured in the time left); then deletes the
     * checkpoints nothing can use any more. A resumed run calls it first, to finish the promotions a killed one had
     * not.
     */
    void promoteDue() {
        for (var batch = promotions.due(flying); batch.isPresent(); batch = promotions.due(flying)) {
            if (!batch.get().isEmpty()) {
                evaluator.evaluate(batch.get(), this::arrived);
            }
        }
        prune();
    }

    /** A new candidate's training on rung 0: from scratch, or from the network it shares most first columns with. */
    private Assignment firstRung(SmartNetConfig config) {
        Path keep = checkpoints == null ? null : checkpoints.dir(config.id(), 0);
        String kept = keep == null ? null : keep.toString();
        var choice = settings.inherit() ? Inheritance.choose(config, parents()) : java.util.Optional
                .<Inheritance.Choice>empty();
        if (choice.isEmpty()) {
            flying.put(config.id(), new Lineage(0, kept, null, 0));
            return new Assignment(config, settings.fidelity(), null, 0, keep);
        }
        Checkpoints.Kept from = choice.get().parent().checkpoint();
        flying.put(config.id(), new Lineage(0, kept, from.evaluationId(), choice.get().groups()));
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

    /**
     * Deletes the checkpoints that no promotion and no child can use: a candidate's checkpoint on a rung is kept
     * while it may still be promoted from there ({@link Ladder#promotable}), while a training in flight starts from it,
     * and, when the run inherits, its highest one while it is in the population the strategy breeds from.
     */
    private void prune() {
        if (checkpoints == null) {
            return;
        }
        Map<String, Integer> highest = new HashMap<>();
        for (Checkpoints.Kept k : checkpoints.all()) {
            highest.merge(k.configId(), k.rung(), Math::max);
        }
        Set<Long> starts = new HashSet<>();
        flying.values().stream().map(Lineage::startedFrom).filter(Objects::nonNull).forEach(starts::add);
        int deleted = checkpoints.prune(k -> ladder.promotable(k.configId(), k.rung()) || starts.contains(k.evaluationId())
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
                promotions.cut(evaluation.configId(), lineage.rung());
            }
        } else {
            learn(evaluation);
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

    private Standing fitness(Evaluation e, int rung, CandidateRecord candidate) {
        return Measured.of(0, runId, e, rung, candidate, settings.targets()).standing();
    }
}
