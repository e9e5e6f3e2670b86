package io.smartnas.search;

import io.smartnas.results.MemoryResultStore;
import io.smartnas.results.ResultStore;
import io.smartnas.results.StoredEvaluation;
import io.smartnas.space.SmartNetConfig;
import io.smartnas.space.evaluation.EvaluationStatus;
import io.smartnas.space.evaluation.Interruption;
import io.smartnas.space.evaluation.Targets;
import io.smartnas.space.evaluation.TimeUpException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A time budget holds for the whole run: candidates in flight at the deadline are cut, and trained on resume. The
 * search runs on a clock of the test's making, which moves only as the evaluator "trains", so no test waits for real
 * time to pass and every run cuts at the same step.
 */
class DeadlineTest {
    /** Each candidate "trains" for 100 ms of the clock in steps of 20 ms, checking for a stop between steps. */
    private static final class SlowEvaluator extends SyntheticEvaluator {
        private final ManualClock clock;
        private final Interruption interruption;

        SlowEvaluator(ManualClock clock, Interruption interruption) {
            this.clock = clock;
            this.interruption = interruption;
        }

        @Override
        void before(SmartNetConfig config) {
            for (int step = 0; step < 5; step++) {
                clock.advance(Duration.ofMillis(20));
                interruption.check();
            }
        }
    }

    private static SearchSettings settings(Duration time, int evaluations) {
        return new SearchSettings(Strategy.GENETIC, Objective.MULTI, Targets.NONE,
                new Budget(6, evaluations, null, time, null), TestSettings.BOUNDS, TestSettings.FIDELITY,
                SyntheticEvaluator.DEVICE, 3);
    }

    @Test
    void candidatesInFlightAtTheDeadlineAreCutNotMeasuredAndTrainedWhenTheRunResumes() {
        ManualClock clock = new ManualClock();
        Interruption interruption = new Interruption(clock);
        try (ResultStore store = new MemoryResultStore()) {
            SlowEvaluator first = new SlowEvaluator(clock, interruption);
            SearchResult cutShort = new Search(store, first, settings(Duration.ofMillis(250), 1000),
                    SearchProgress.NONE).interruptedBy(interruption).start("timed", "{}", "{}");
            long run = cutShort.runId();
            assertTrue(cutShort.stoppedBy().startsWith("time"), cutShort.stoppedBy());
            Set<String> cut = ids(store.evaluations(run), EvaluationStatus.CUT);
            assertFalse(cut.isEmpty(), "a 250 ms budget cuts a generation of six 100 ms candidates");
            assertEquals(first.trained.size(), cutShort.evaluations(), "a cut candidate is no measurement");
            first.trained.forEach(c -> assertFalse(cut.contains(c.id()), "measured and cut: " + c.id()));
            assertEquals(2, cutShort.evaluations(), "250 ms of the clock measure two candidates of 100 ms, not three");
            assertFalse(interruption.timeUp(), "the deadline ends with the run");

            SlowEvaluator resumed = new SlowEvaluator(clock, interruption);
            SearchResult more = new Search(store, resumed, settings(Duration.ofMinutes(10),
                    cutShort.evaluations() + 6), SearchProgress.NONE).interruptedBy(interruption).resume(run);
            Set<String> measuredBefore = first.trained.stream().map(SmartNetConfig::id).collect(Collectors.toSet());
            Set<String> trainedNow = resumed.trained.stream().map(SmartNetConfig::id).collect(Collectors.toSet());
            trainedNow.forEach(id -> assertFalse(measuredBefore.contains(id), "retrained " + id));
            assertTrue(trainedNow.stream().anyMatch(cut::contains), "the resumed run trains what was cut");
            assertEquals(cutShort.evaluations() + 6, more.evaluations());
        }
    }

    /**
     * A generation whose every new candidate is cut before it starts (none would be measured in the time left) ends
     * the run, instead of the engine proposing generation after generation until the deadline, each cut at once.
     */
    @Test
    void aGenerationWhoseEveryCandidateIsCutEndsTheSearch() {
        try (ResultStore store = new MemoryResultStore()) {
            SyntheticEvaluator nothingFits = new SyntheticEvaluator() {
                @Override
                void before(SmartNetConfig config) {
                    throw new TimeUpException();
                }
            };
            SearchResult result = new Search(store, nothingFits, settings(Duration.ofSeconds(20), 1000),
                    SearchProgress.NONE).start("nothing fits", "{}", "{}");
            assertTrue(result.stoppedBy().startsWith("time"), result.stoppedBy());
            assertEquals(1, store.history(result.runId()).size(), "generations recorded");
            assertEquals(0, result.evaluations());
        }
    }

    private static Set<String> ids(List<StoredEvaluation> evaluations, EvaluationStatus status) {
        return evaluations.stream().filter(e -> e.evaluation().status() == status)
                .map(e -> e.evaluation().configId()).collect(Collectors.toSet());
    }
}
