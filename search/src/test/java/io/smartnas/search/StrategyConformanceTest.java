package io.smartnas.search;

import io.smartnas.results.MemoryResultStore;
import io.smartnas.results.ResultStore;
import io.smartnas.results.RunStatus;
import io.smartnas.results.StoredEvaluation;
import io.smartnas.search.example.LocalSearch;
import io.smartnas.space.SmartNetConfig;
import io.smartnas.space.evaluation.Targets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every strategy must do, whatever it proposes (as Syne Tune runs one test over all its schedulers): spend the
 * budget exactly, store each candidate once and train it once, retrain nothing on resume, and stop when a stop rule
 * says so. A new strategy joins {@link #STRATEGIES}.
 */
class StrategyConformanceTest {
    /** SmartNAS's own, and one written outside the package through the public seam alone. */
    static final List<Strategy> STRATEGIES = Stream.concat(Strategy.ALL.stream(), Stream.of(new LocalSearch()))
            .toList();

    @ParameterizedTest
    @FieldSource("STRATEGIES")
    void theBudgetIsSpentExactlyAndEachCandidateIsStoredAndTrainedOnce(Strategy strategy) {
        SyntheticEvaluator evaluator = new SyntheticEvaluator();
        try (ResultStore store = new MemoryResultStore()) {
            SearchResult result = new Search(store, evaluator, TestSettings.of(strategy, 7, 6, 30, Targets.NONE),
                    SearchProgress.NONE).start(strategy.label(), "{}", "{}");
            assertEquals(30, result.evaluations(), strategy.label());
            List<StoredEvaluation> stored = store.evaluations(result.runId());
            assertEquals(30, stored.size(), "one stored evaluation per candidate");
            assertEquals(30, stored.stream().map(s -> s.evaluation().configId()).distinct().count(),
                    "no candidate stored twice");
            assertEquals(30, evaluator.trained.size(), "each candidate trained once, none beyond the budget");
            assertEquals(30, evaluator.trained.stream().map(SmartNetConfig::id).distinct().count());
            assertTrue(result.stoppedBy().startsWith("evaluations"), result.stoppedBy());
            assertEquals(RunStatus.FINISHED, store.run(result.runId()).orElseThrow().status());
        }
    }

    @ParameterizedTest
    @FieldSource("STRATEGIES")
    void aResumedRunWithALargerBudgetRetrainsNothingItMeasured(Strategy strategy) {
        try (ResultStore store = new MemoryResultStore()) {
            SyntheticEvaluator first = new SyntheticEvaluator();
            SearchResult before = new Search(store, first, TestSettings.of(strategy, 3, 6, 12, Targets.NONE),
                    SearchProgress.NONE).start(strategy.label(), "{}", "{}");
            Set<String> measured = new HashSet<>();
            store.evaluations(before.runId()).forEach(s -> measured.add(s.evaluation().configId()));
            assertEquals(12, measured.size());

            SyntheticEvaluator resumed = new SyntheticEvaluator();
            SearchResult after = new Search(store, resumed, TestSettings.of(strategy, 3, 6, 24, Targets.NONE),
                    SearchProgress.NONE).resume(before.runId());
            resumed.trained.forEach(c -> assertFalse(measured.contains(c.id()), strategy.label() + " trained "
                    + c.id() + " again"));
            assertEquals(24, after.evaluations());
            assertEquals(12, resumed.trained.size(), "only the budget's new part was trained");
        }
    }

    @ParameterizedTest
    @FieldSource("STRATEGIES")
    void aGenerationLimitStopsTheRunThere(Strategy strategy) {
        try (ResultStore store = new MemoryResultStore()) {
            SearchSettings settings = new SearchSettings(strategy, Objective.MULTI, Targets.NONE,
                    new Budget(4, 1000, 3, Duration.ofHours(1), null), TestSettings.BOUNDS, TestSettings.FIDELITY,
                    SyntheticEvaluator.DEVICE, 1);
            SearchResult result = new Search(store, new SyntheticEvaluator(), settings, SearchProgress.NONE)
                    .start(strategy.label(), "{}", "{}");
            assertEquals(3, store.history(result.runId()).size(), "three generations recorded");
            assertTrue(result.stoppedBy().startsWith("generations"), result.stoppedBy());
            assertTrue(result.evaluations() < 1000, "stopped before the evaluations ran out");
        }
    }
}
