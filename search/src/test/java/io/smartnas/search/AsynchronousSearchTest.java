package io.smartnas.search;

import io.jenetics.IntegerGene;
import io.jenetics.Optimize;
import io.jenetics.Phenotype;
import io.jenetics.util.ISeq;
import io.smartnas.results.GenerationRecord;
import io.smartnas.results.Measured;
import io.smartnas.results.MemoryResultStore;
import io.smartnas.results.ResultStore;
import io.smartnas.results.StoredEvaluation;
import io.smartnas.space.SearchSpace;
import io.smartnas.space.evaluation.Assignment;
import io.smartnas.space.evaluation.Evaluation;
import io.smartnas.space.evaluation.EvaluationStatus;
import io.smartnas.space.evaluation.Fidelity;
import io.smartnas.space.evaluation.Standing;
import io.smartnas.space.evaluation.Targets;
import io.smartnas.space.run.Rungs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AsynchronousSearchTest {
    private static final int POPULATION = 8;
    private static final int EVALUATIONS = 48;
    private static final int DEVICES = 4;

    @TempDir
    Path dir;

    private static SearchSettings settings(Strategy strategy, Objective objective, Rungs rungs, boolean inherit) {
        return new SearchSettings(strategy, objective, Targets.NONE, new Budget(POPULATION, EVALUATIONS, null, null,
                null), TestSettings.BOUNDS, TestSettings.FIDELITY, SyntheticEvaluator.DEVICE, 5, null, rungs, inherit);
    }

    /**
     * The synthetic evaluator on {@link #DEVICES} simulated devices: it keeps that many trainings in flight, takes work
     * from the batch, then from {@code more}, whenever a device is free, and finishes the one in flight that a seeded
     * generator picks, so results arrive out of order. Counts the times a device was free and got no work although
     * the search still had budget left: the devices a generation barrier leaves idle.
     */
    private static class Devices extends SyntheticEvaluator {
        private final Random order = new Random(11);
        int idleWithBudgetLeft;
        int mostInFlight;
        private int rungZeroStarted;

        @Override
        public List<Evaluation> evaluate(List<Assignment> batch, MoreWork more, Consumer<Evaluation> onResult) {
            List<Assignment> waiting = new ArrayList<>(batch);
            List<Assignment> flying = new ArrayList<>();
            List<Evaluation> results = new ArrayList<>();
            while (true) {
                while (flying.size() < DEVICES) {
                    Optional<Assignment> next = !waiting.isEmpty() ? Optional.of(waiting.remove(0)) : more.next();
                    if (next.isEmpty()) {
                        break;
                    }
                    if (next.get().fidelity().equals(TestSettings.FIDELITY)) {
                        rungZeroStarted++;
                    }
                    flying.add(next.get());
                }
                if (flying.size() < DEVICES && rungZeroStarted < EVALUATIONS) {
                    idleWithBudgetLeft += DEVICES - flying.size();
                }
                mostInFlight = Math.max(mostInFlight, flying.size());
                if (flying.isEmpty()) {
                    return results;
                }
                Assignment done = flying.remove(order.nextInt(flying.size()));
                // "Trains" it now: a checkpoint it starts from must still be on disk.
                Evaluation e = super.evaluate(List.of(done), onResult).get(0);
                if (batch.contains(done)) {
                    results.add(e);
                }
            }
        }
    }

    @Test
    void nsgaIIRanksBothFrontMembersFirstThenTheDominatedThenTheInfeasibleWhichTheNewcomerPushesOut() {
        GenomeCodec codec = new GenomeCodec(new SearchSpace(TestSettings.BOUNDS));
        Standing accurate = new Standing(0, 0.9, 1.0, 1000, 0);
        Standing fast = new Standing(0, 0.8, 0.5, 1000, 0);
        Standing dominated = new Standing(0, 0.7, 2.0, 2000, 0);
        Standing infeasible = new Standing(0.5, 0.95, 0.1, 100, 0);
        ISeq<Phenotype<IntegerGene, Standing>> population = Stream.of(dominated, accurate, infeasible, fast)
                .map(s -> Phenotype.<IntegerGene, Standing>of(codec.factory().newInstance(), 1, s))
                .collect(ISeq.toISeq());
        List<Standing> ranked = GeneticStrategy.nsga2().select(population, population.size(), Optimize.MAXIMUM)
                .stream().map(Phenotype::fitness).toList();
        assertEquals(Set.of(accurate, fast), Set.copyOf(ranked.subList(0, 2)));
        assertEquals(List.of(dominated, infeasible), ranked.subList(2, 4));
    }

    @Test
    void everyFreeDeviceGetsAChildAtOnceAndTheBudgetIsSpentExactlyWithEveryCandidateStoredOnce() {
        try (ResultStore store = new MemoryResultStore()) {
            Devices devices = new Devices();
            SearchResult result = new Search(store, devices, settings(Strategy.ASYNCHRONOUS, Objective.MULTI, null,
                    false), SearchProgress.NONE).start("asynchronous", "{}", "{}");
            assertEquals(EVALUATIONS, result.evaluations());
            assertEquals(0, devices.idleWithBudgetLeft, "no device waited while the budget lasted");
            assertEquals(DEVICES, devices.mostInFlight);
            List<StoredEvaluation> stored = store.evaluations(result.runId());
            assertEquals(EVALUATIONS, stored.size());
            Set<String> ids = stored.stream().map(e -> e.evaluation().configId()).collect(Collectors.toSet());
            assertEquals(EVALUATIONS, ids.size(), "every candidate stored once");
            assertEquals(EVALUATIONS, new HashSet<>(devices.trained).size(), "none trained twice");
            List<GenerationRecord> history = store.history(result.runId());
            assertEquals(EVALUATIONS / POPULATION, history.size(), "a generation every population's worth of results");
            for (GenerationRecord g : history) {
                assertTrue(g.populationIds().size() <= POPULATION, "generation " + g.index());
                assertTrue(ids.containsAll(g.populationIds()), "a population holds measured candidates only");
            }
            assertTrue(result.stoppedBy().startsWith("evaluations"), result.stoppedBy());
        }
    }

    @Test
    void aGenerationalSearchOnTheSameDevicesLeavesSomeIdleAtEachGenerationsEnd() {
        try (ResultStore store = new MemoryResultStore()) {
            Devices devices = new Devices();
            new Search(store, devices, settings(Strategy.GENETIC, Objective.MULTI, null, false), SearchProgress.NONE)
                    .start("generational", "{}", "{}");
            assertTrue(devices.idleWithBudgetLeft > 0, "the barrier this strategy removes");
        }
    }

    @Test
    void withOneObjectiveThePopulationIsTheBestOfEverythingMeasuredWhateverTheOrderResultsArrivedIn() {
        try (ResultStore store = new MemoryResultStore()) {
            SearchSettings s = settings(Strategy.ASYNCHRONOUS, Objective.ACCURACY, null, false);
            SearchResult result = new Search(store, new Devices(), s, SearchProgress.NONE).start("one", "{}", "{}");
            List<GenerationRecord> history = store.history(result.runId());
            Set<String> last = new HashSet<>(history.get(history.size() - 1).populationIds());
            Set<String> best = store.measured(result.runId(), s.targets()).stream()
                    .sorted((a, b) -> b.standing().compareTo(a.standing())).limit(POPULATION)
                    .map(Measured::configId).collect(Collectors.toSet());
            assertEquals(best, last, "(mu + 1) selection keeps the best mu of all results");
        }
    }

    @Test
    void promotionsAndInheritedStartsFindTheirCheckpointsWhileOtherTrainingsAreInFlight() {
        Rungs rungs = new Rungs(List.of(new Fidelity(1, 2000), new Fidelity(2, 0)), 3);
        try (ResultStore store = new MemoryResultStore()) {
            Devices devices = new Devices();
            SearchResult result = new Search(store, devices, settings(Strategy.ASYNCHRONOUS, Objective.MULTI, rungs,
                    true), SearchProgress.NONE, run -> dir.resolve("run-" + run)).start("rungs", "{}", "{}");
            List<StoredEvaluation> stored = store.evaluations(result.runId());
            assertEquals(EVALUATIONS, stored.stream().filter(e -> e.lineage().rung() == 0).count());
            assertTrue(stored.stream().anyMatch(e -> e.lineage().rung() == 2), "promoted to the top rung");
            assertTrue(stored.stream().anyMatch(e -> e.lineage().rung() == 0 && e.lineage().inherited()),
                    "some children inherited");
            assertTrue(stored.stream().allMatch(e -> e.evaluation().status() == EvaluationStatus.OK),
                    "every start found its checkpoint");
            assertEquals(2, result.best().rung());
        }
    }

    @Test
    void aCrashedAsynchronousSearchResumesFromItsLastGenerationAndTrainsNothingItStoredAgain() {
        SearchSettings s = settings(Strategy.ASYNCHRONOUS, Objective.MULTI, null, false);
        try (ResultStore store = new MemoryResultStore()) {
            Devices crashing = new Devices() {
                @Override
                void before(io.smartnas.space.SmartNetConfig config) {
                    if (trained.size() == 20) {
                        throw new IllegalStateException("killed");
                    }
                }
            };
            assertThrows(IllegalStateException.class, () -> new Search(store, crashing, s, SearchProgress.NONE)
                    .start("crashed", "{}", "{}"));
            long run = store.runs().get(0).id();
            Set<String> storedBefore = store.evaluations(run).stream().map(e -> e.evaluation().configId())
                    .collect(Collectors.toSet());
            assertEquals(20, storedBefore.size());
            assertEquals(2, store.history(run).size(), "two generations recorded before the crash");

            Devices resumed = new Devices();
            SearchResult result = new Search(store, resumed, s, SearchProgress.NONE).resume(run);
            resumed.trained.forEach(c -> assertFalse(storedBefore.contains(c.id()), "trained again: " + c.id()));
            assertEquals(EVALUATIONS, result.evaluations());
            assertEquals(EVALUATIONS, store.evaluations(run).size());
        }
    }
}
