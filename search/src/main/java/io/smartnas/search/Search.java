package io.smartnas.search;

import io.smartnas.results.FinalModel;
import io.smartnas.results.GenerationRecord;
import io.smartnas.results.Measured;
import io.smartnas.results.NewRun;
import io.smartnas.results.Ranking;
import io.smartnas.results.ResultStore;
import io.smartnas.results.RunStatus;
import io.smartnas.results.RunSummary;
import io.smartnas.results.StoredProfile;
import io.smartnas.space.InvalidInputException;
import io.smartnas.space.SearchSpace;
import io.smartnas.space.cost.Cost;
import io.smartnas.space.evaluation.EvaluationStatus;
import io.smartnas.space.evaluation.Evaluator;
import io.smartnas.space.evaluation.InterruptedRunException;
import io.smartnas.space.evaluation.Interruption;
import io.smartnas.space.evaluation.Targets;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.LongFunction;
import java.util.stream.Collectors;

/**
 * A constraint-driven search run: proposes candidates with its strategy, has the {@link Measurer} price, reuse or
 * train them and record each result as it arrives, records every generation, and stops by its {@link Budget}; then,
 * when its settings ask for it, trains its answer again and keeps it as a model ({@link FinalTrainer}). A time budget
 * holds for the whole run, final training included: the search ends the final training's share of the time before
 * the deadline, and at each of these two deadlines the work in flight is cut (see {@link Interruption}). A run killed
 * at any point resumes from its last recorded generation, or from its final training, losing at most the work in
 * flight.
 */
public final class Search {
    private final ResultStore store;
    private final Evaluator evaluator;
    private final SearchSettings settings;
    private final SearchProgress progress;
    private final LongFunction<Path> runDirs;
    private final StoredProfile latencyProfile;
    /** What stops the run and the clock its deadlines are read on: the process's own unless a test gives another. */
    private final Interruption interruption;

    /** A search of a run that ends with its search (its settings ask for no final training). */
    public Search(ResultStore store, Evaluator evaluator, SearchSettings settings, SearchProgress progress) {
        this(store, evaluator, settings, progress, null);
    }

    /**
     * @param runDirs the directory of a run (by run id), where its final model ({@code model/}) and its checkpoints
     *                ({@code checkpoints/}) are kept; needed when the settings ask for a final training, rungs or
     *                inheritance
     */
    public Search(ResultStore store, Evaluator evaluator, SearchSettings settings, SearchProgress progress,
                  LongFunction<Path> runDirs) {
        this(store, evaluator, settings, progress, runDirs, null, Interruption.process());
    }

    private Search(ResultStore store, Evaluator evaluator, SearchSettings settings, SearchProgress progress,
                   LongFunction<Path> runDirs, StoredProfile latencyProfile, Interruption interruption) {
        if ((settings.finalTraining() != null || settings.keepsCheckpoints()) && runDirs == null) {
            throw new IllegalArgumentException("a run with a final training, rungs or inheritance needs a directory");
        }
        this.store = store;
        this.evaluator = evaluator;
        this.settings = settings;
        this.progress = progress;
        this.runDirs = runDirs;
        this.latencyProfile = latencyProfile;
        this.interruption = interruption;
    }

    /**
     * The same search, predicting every candidate's latency with {@code profile} (stored beside the candidate) and
     * rejecting, untrained, those predicted above the latency target.
     */
    public Search predictingLatency(StoredProfile profile) {
        return new Search(store, evaluator, settings, progress, runDirs, Objects.requireNonNull(profile),
                interruption);
    }

    /**
     * The same search under {@code interruption}: its deadlines are set there and read on its clock, so that the
     * evaluator it is given must check the same one (the process's own evaluators check {@link Interruption#process}).
     */
    public Search interruptedBy(Interruption interruption) {
        return new Search(store, evaluator, settings, progress, runDirs, latencyProfile,
                Objects.requireNonNull(interruption));
    }

    /**
     * Refuses settings no candidate can satisfy, before anything is trained.
     *
     * @throws InvalidInputException if the memory targets are below the smallest network of the space
     */
    public static void check(SearchSettings settings) {
        Cost smallest = SpaceExtremes.smallest(settings.bounds());
        Targets t = settings.targets();
        if (t.memoryExceeded(smallest.params(), smallest.bytes())) {
            throw new InvalidInputException("no network of this space meets the memory target: the smallest has "
                    + smallest.params() + " parameters (" + smallest.bytes() + " bytes); "
                    + String.join(", ", t.memoryMisses(smallest.params(), smallest.bytes())));
        }
    }

    /** Starts a new run and searches until the budget is spent. */
    public SearchResult start(String name, String settingsJson, String provenanceJson) {
        check(settings);
        checkLatency();
        long runId = store.createRun(new NewRun(name, settings.strategy().label(), settings.targets(), settingsJson,
                provenanceJson));
        return run(runId, List.of(), 0, interruption.clock().instant());
    }

    /**
     * Refuses a latency target that even the space's smallest network is predicted to miss.
     *
     * @throws InvalidInputException if so
     */
    private void checkLatency() {
        Double target = settings.targets().maxLatencyMs();
        if (latencyProfile == null || target == null) {
            return;
        }
        double fastest = latencyProfile.profile().predict(SpaceExtremes.smallestNetwork(settings.bounds()))
                .leastFor(settings.targets().latencyMode());
        if (fastest > target) {
            throw new InvalidInputException(String.format(Locale.ROOT, "no network of this space meets "
                    + "the latency target: the smallest is predicted at %.3f ms on %s, above --max-latency-ms %s",
                    fastest, latencyProfile.profile().device(), target));
        }
    }

    /**
     * Continues a stopped or killed run from its last recorded generation, with the settings it was started with.
     *
     * @throws InvalidInputException if there is no such run
     */
    public SearchResult resume(long runId) {
        RunSummary run = store.run(runId).orElseThrow(() -> new InvalidInputException("no run " + runId
                + " to resume"));
        List<GenerationRecord> history = store.history(runId);
        GenerationRecord last = history.isEmpty() ? null : history.get(history.size() - 1);
        store.resumeRun(runId);
        return run(runId, last == null ? List.of() : GenomeJson.readAll(last.population()),
                last == null ? 0 : last.index(), run.created());
    }

    private SearchResult run(long runId, List<io.smartnas.space.Genome> population, int lastGeneration,
                             Instant started) {
        Measurer measurer = new Measurer(store, runId, evaluator, settings, progress, latencyProfile,
                runDirs == null ? null : RunDirectory.checkpoints(runDirs.apply(runId)), interruption);
        GenerationRecorder recorder = new GenerationRecorder(store, runId, measurer, settings, progress);
        Instant deadline = settings.budget().time() == null ? null : started.plus(settings.budget().time());
        Instant searchDeadline = settings.searchDeadline(deadline);
        progress.started(deadline);
        GenomeCodec codec = new GenomeCodec(new SearchSpace(settings.bounds()));
        StopRules stop = new StopRules(settings.budget(), measurer, searchDeadline, lastGeneration, codec,
                interruption.clock());
        Proposing proposing = new Proposing(codec, measurer, settings, population, lastGeneration, progress);
        // Time is a promise: past the deadline the evaluator cuts the candidate in flight and starts no other.
        interruption.deadline(searchDeadline);
        SearchResult result;
        try {
            // A resumed run first finishes the promotions a killed one had not made, keeping what its population's
            // children may inherit.
            measurer.breedingFrom(population.stream().map(g -> Proposals.of(proposing.codec().space(), g).id())
                    .collect(Collectors.toSet()));
            measurer.promoteDue();
            if (!stop.spentAlready()) {
                settings.strategy().search(proposing, generation -> {
                    recorder.record((int) generation.number(), generation.population().stream()
                            .map(g -> Proposals.of(proposing.space(), g)).toList());
                    return stop.test(generation);
                });
            }
            result = result(runId, stop.stoppedBy());
            if (settings.finalTraining() != null) {
                interruption.deadline(deadline);
                result = withFinalModel(result, deadline);
            }
        } catch (InterruptedRunException e) {
            store.finishRun(runId, RunStatus.INTERRUPTED);
            throw new SearchInterruptedException(runId);
        } catch (RuntimeException | Error e) {
            try {
                store.finishRun(runId, RunStatus.FAILED);
            } catch (RuntimeException unrecorded) {
                // The store itself failed (a full disk): the run stays "running", so --resume continues it, and the
                // first failure is the one to report.
                e.addSuppressed(unrecorded);
            }
            throw e;
        } finally {
            interruption.deadline(null);
        }
        store.finishRun(runId, RunStatus.FINISHED);
        return result;
    }

    /** The result with the run's final training: of the best, else of the closest if it trained. */
    private SearchResult withFinalModel(SearchResult r, Instant deadline) {
        Measured chosen = r.best() != null ? r.best() : r.closest();
        if (chosen == null || !chosen.status().equals(EvaluationStatus.OK)) {
            progress.finalTraining("no final training: no candidate trained");
            return r;
        }
        FinalModel kept = new FinalTrainer(store, evaluator, settings.finalTraining(), progress, interruption.clock())
                .keep(r.runId(), chosen, deadline, RunDirectory.model(runDirs.apply(r.runId()))).orElse(null);
        return new SearchResult(r.runId(), r.evaluations(), r.feasible(), r.best(), r.front(), r.closest(),
                r.misses(), r.stoppedBy(), kept);
    }

    private SearchResult result(long runId, String stoppedBy) {
        List<Measured> measured = store.measured(runId, settings.targets());
        List<Measured> feasible = measured.stream().filter(Measured::feasible).toList();
        List<Measured> best = Ranking.best(feasible, 1);
        Measured closest = null;
        List<String> misses = List.of();
        if (best.isEmpty()) {
            // A candidate that was not trained (rejected by cost, failed) still has its size: it can be the closest.
            closest = measured.stream().min(Ranking.BEST_FIRST).orElse(null);
            if (closest != null) {
                misses = settings.targets().misses(closest.params(), closest.bytes(), closest.objectiveLatencyMs(),
                        closest.accuracy());
            }
        }
        return new SearchResult(runId, measured.size(), feasible.size(), best.isEmpty() ? null : best.get(0),
                Ranking.pareto(measured), closest, misses, stoppedBy, null);
    }
}
