package io.smartnas.search;

import io.smartnas.results.Measured;
import io.smartnas.results.MemoryResultStore;
import io.smartnas.results.ResultStore;
import io.smartnas.results.RunStatus;
import io.smartnas.space.InvalidInputException;
import io.smartnas.space.SmartNetConfig;
import io.smartnas.space.cost.CostModel;
import io.smartnas.space.evaluation.Assignment;
import io.smartnas.space.evaluation.Evaluation;
import io.smartnas.space.evaluation.EvaluationStatus;
import io.smartnas.space.evaluation.Fidelity;
import io.smartnas.space.evaluation.Targets;
import org.apache.commons.math3.stat.inference.MannWhitneyUTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SearchTest {
    private static final int SEEDS = 10;

    @Test
    void theGeneticStrategyBeatsRandomSearchAtEqualBudgetOverTenSeeds() {
        double[] genetic = IntStream.range(0, SEEDS).mapToDouble(s -> bestAccuracy(Strategy.GENETIC, s)).toArray();
        double[] random = IntStream.range(0, SEEDS).mapToDouble(s -> bestAccuracy(Strategy.RANDOM, s)).toArray();
        double p = new MannWhitneyUTest().mannWhitneyUTest(genetic, random);
        double geneticMean = java.util.Arrays.stream(genetic).average().orElseThrow();
        double randomMean = java.util.Arrays.stream(random).average().orElseThrow();
        assertTrue(geneticMean > randomMean, "genetic " + geneticMean + " vs random " + randomMean);
        assertTrue(p < 0.05, "Mann-Whitney p = " + p + ", genetic " + java.util.Arrays.toString(genetic)
                + ", random " + java.util.Arrays.toString(random));
    }

    private static double bestAccuracy(Strategy strategy, long seed) {
        try (ResultStore store = new MemoryResultStore()) {
            SearchResult result = new Search(store, new SyntheticEvaluator(),
                    TestSettings.of(strategy, seed, 12, 120, TestSettings.TARGETS), SearchProgress.NONE)
                    .start("t", "{}", "{}");
            assertEquals(120, result.evaluations());
            return result.best() == null ? 0 : result.best().accuracy();
        }
    }

    @Test
    void withOnlyAMemoryTargetNoCandidateAboveItIsEverTrained() {
        Targets memory = new Targets(null, 100_000L, null, null);
        SyntheticEvaluator evaluator = new SyntheticEvaluator() {
            @Override
            void before(SmartNetConfig config) {
                assertTrue(CostModel.of(config).bytes() <= 100_000, "trained a candidate above the target");
            }
        };
        try (ResultStore store = new MemoryResultStore()) {
            SearchResult result = new Search(store, evaluator, TestSettings.of(Strategy.GENETIC, 1, 10, 60, memory),
                    SearchProgress.NONE).start("memory", "{}", "{}");
            List<Measured> measured = store.measured(result.runId(), memory);
            assertTrue(measured.stream().anyMatch(m -> m.status() == EvaluationStatus.REJECTED_BY_COST),
                    "the space has networks above the target, and some were proposed");
            measured.stream().filter(m -> m.status() == EvaluationStatus.REJECTED_BY_COST)
                    .forEach(m -> assertTrue(m.bytes() > 100_000));
            assertFalse(evaluator.trained.isEmpty());
        }
    }

    @Test
    void theBudgetIsMetExactlyAndEveryGenerationIsRecorded() {
        try (ResultStore store = new MemoryResultStore()) {
            SearchResult result = new Search(store, new SyntheticEvaluator(),
                    TestSettings.of(Strategy.GENETIC, 3, 8, 30, TestSettings.TARGETS), SearchProgress.NONE)
                    .start("budget", "{}", "{}");
            assertEquals(30, result.evaluations());
            assertEquals(30, store.evaluations(result.runId()).size());
            assertTrue(result.stoppedBy().startsWith("evaluations"), result.stoppedBy());
            assertEquals(RunStatus.FINISHED, store.run(result.runId()).orElseThrow().status());
            var history = store.history(result.runId());
            assertFalse(history.isEmpty());
            assertEquals(30, history.get(history.size() - 1).evaluations());
            assertEquals(8, history.get(0).populationIds().size());
        }
    }

    @Test
    void aGenerationLimitStopsTheRun() {
        try (ResultStore store = new MemoryResultStore()) {
            SearchSettings settings = new SearchSettings(Strategy.RANDOM, Objective.MULTI, Targets.NONE,
                    new Budget(5, 1000, 3, Duration.ofHours(1), null), TestSettings.BOUNDS, TestSettings.FIDELITY,
                    SyntheticEvaluator.DEVICE, 1);
            SearchResult result = new Search(store, new SyntheticEvaluator(), settings, SearchProgress.NONE)
                    .start("generations", "{}", "{}");
            assertEquals(3, store.history(result.runId()).size());
            assertTrue(result.stoppedBy().startsWith("generations"), result.stoppedBy());
        }
    }

    @Test
    void aCandidateMeasuredInAnotherRunAtTheSameFidelityIsReadNotRetrained() {
        try (ResultStore store = new MemoryResultStore()) {
            SearchSettings settings = TestSettings.of(Strategy.RANDOM, 5, 6, 12, Targets.NONE);
            new Search(store, new SyntheticEvaluator(), settings, SearchProgress.NONE).start("first", "{}", "{}");
            SyntheticEvaluator second = new SyntheticEvaluator();
            SearchResult again = new Search(store, second, settings, SearchProgress.NONE).start("again", "{}", "{}");
            assertTrue(second.trained.isEmpty(), "the same seed proposes the same candidates, all known");
            assertEquals(12, again.evaluations());
            store.evaluations(again.runId()).forEach(e -> assertNotNull(
                    e.evaluation().provenance().get("reused_evaluation")));
        }
    }

    @Test
    void whenEveryCandidateIsRejectedByCostTheClosestIsStillNamed() {
        // Above the smallest network of the space, so the search starts, but below most candidates.
        Targets tight = new Targets(null, 12_000L, null, null);
        try (ResultStore store = new MemoryResultStore()) {
            SyntheticEvaluator evaluator = new SyntheticEvaluator() {
                @Override
                public List<Evaluation> evaluate(List<Assignment> batch, Consumer<Evaluation> onResult) {
                    List<Evaluation> failed = new ArrayList<>();
                    for (Assignment a : batch) {
                        Evaluation e = Evaluation.unsuccessful(a.config().id(), a.fidelity(), EvaluationStatus.FAILED,
                                "no device", "cpu", Instant.now(), Instant.now(), Map.of());
                        failed.add(e);
                        onResult.accept(e);
                    }
                    return failed;
                }
            };
            SearchResult result = new Search(store, evaluator, TestSettings.of(Strategy.RANDOM, 3, 6, 12, tight),
                    SearchProgress.NONE).start("nothing trains", "{}", "{}");
            assertNull(result.best());
            assertNotNull(result.closest(), "the closest is named even though nothing was trained");
        }
    }

    @Test
    void withNothingFeasibleTheResultSaysWhichTargetBindsAndByHowMuch() {
        Targets impossible = new Targets(null, null, 0.0001, null);
        try (ResultStore store = new MemoryResultStore()) {
            SearchResult result = new Search(store, new SyntheticEvaluator(),
                    TestSettings.of(Strategy.GENETIC, 2, 6, 12, impossible), SearchProgress.NONE)
                    .start("impossible", "{}", "{}");
            assertNull(result.best());
            assertNotNull(result.closest());
            assertEquals(1, result.misses().size());
            assertTrue(result.misses().get(0).startsWith("latency "), result.misses().toString());
        }
    }

    @Test
    void aMemoryTargetBelowTheSmallestNetworkIsRefusedBeforeAnythingIsTrained() {
        SyntheticEvaluator evaluator = new SyntheticEvaluator();
        try (ResultStore store = new MemoryResultStore()) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> new Search(store, evaluator,
                    TestSettings.of(Strategy.GENETIC, 1, 6, 12, new Targets(100L, null, null, null)),
                    SearchProgress.NONE).start("tiny", "{}", "{}"));
            assertTrue(e.getMessage().contains("the smallest has"), e.getMessage());
            assertTrue(store.runs().isEmpty());
            assertTrue(evaluator.trained.isEmpty());
        }
    }

    @Test
    void theSameSeedGivesTheSameRun() {
        List<String> first;
        try (ResultStore store = new MemoryResultStore()) {
            SearchResult r = new Search(store, new SyntheticEvaluator(),
                    TestSettings.of(Strategy.GENETIC, 9, 8, 40, TestSettings.TARGETS), SearchProgress.NONE)
                    .start("a", "{}", "{}");
            first = store.measured(r.runId(), Targets.NONE).stream().map(Measured::configId).toList();
        }
        try (ResultStore store = new MemoryResultStore()) {
            SearchResult r = new Search(store, new SyntheticEvaluator(),
                    TestSettings.of(Strategy.GENETIC, 9, 8, 40, TestSettings.TARGETS), SearchProgress.NONE)
                    .start("b", "{}", "{}");
            assertEquals(first, store.measured(r.runId(), Targets.NONE).stream().map(Measured::configId).toList());
        }
    }

    @Test
    void aTimeTargetOnAnytimeLatencyJudgesTheExpectedLatencyAndBothAreStored() {
        Targets lastExit = new Targets(null, null, 1.0, null);
        Targets anytime = new Targets(null, null, 1.0, null, io.smartnas.space.evaluation.LatencyMode.ANYTIME);
        try (ResultStore store = new MemoryResultStore()) {
            SearchResult result = new Search(store, new SyntheticEvaluator(),
                    TestSettings.of(Strategy.RANDOM, 4, 10, 30, anytime), SearchProgress.NONE)
                    .start("anytime", "{}", "{}");
            List<Measured> judgedAnytime = store.measured(result.runId(), anytime);
            List<Measured> judgedLastExit = store.measured(result.runId(), lastExit);
            long feasibleAnytime = judgedAnytime.stream().filter(Measured::feasible).count();
            long feasibleLastExit = judgedLastExit.stream().filter(Measured::feasible).count();
            assertTrue(feasibleAnytime > feasibleLastExit, feasibleAnytime + " vs " + feasibleLastExit);
            judgedAnytime.stream().filter(m -> m.status() == EvaluationStatus.OK).forEach(m -> {
                assertTrue(m.anytimeLatencyMs() <= m.latencyMs());
                assertEquals(m.anytimeLatencyMs(), m.objectiveLatencyMs());
            });
            assertEquals(feasibleAnytime, result.feasible());
        }
    }
}
