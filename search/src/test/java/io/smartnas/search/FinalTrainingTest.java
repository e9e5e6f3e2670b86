package io.smartnas.search;

import io.smartnas.results.FinalModel;
import io.smartnas.results.MemoryResultStore;
import io.smartnas.results.ResultStore;
import io.smartnas.space.SmartNetConfig;
import io.smartnas.space.evaluation.Evaluation;
import io.smartnas.space.evaluation.EvaluationStatus;
import io.smartnas.space.evaluation.Fidelity;
import io.smartnas.space.evaluation.InterruptedRunException;
import io.smartnas.space.evaluation.Interruption;
import io.smartnas.space.evaluation.Targets;
import io.smartnas.space.run.FinalTraining;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A run's last step: its answer trained again at a higher fidelity, kept as a model, within the run's time. */
class FinalTrainingTest {
    private static final FinalTraining THREE_EPOCHS = new FinalTraining(3, 0, "5m");

    @TempDir
    Path dir;

    private static SearchSettings settings(Duration time, FinalTraining last, int evaluations) {
        return new SearchSettings(Strategy.GENETIC, Objective.MULTI, Targets.NONE,
                new Budget(6, evaluations, null, time, null), TestSettings.BOUNDS, TestSettings.FIDELITY,
                SyntheticEvaluator.DEVICE, 5, last);
    }

    private Search search(ResultStore store, SyntheticEvaluator evaluator, SearchSettings settings) {
        return new Search(store, evaluator, settings, SearchProgress.NONE, run -> dir.resolve("run-" + run));
    }

    @Test
    void theBestCandidateIsTrainedAgainKeptAndNeverRankedWithTheCandidates() throws IOException {
        try (ResultStore store = new MemoryResultStore()) {
            SyntheticEvaluator evaluator = new SyntheticEvaluator();
            SearchResult result = search(store, evaluator, settings(null, THREE_EPOCHS, 12)).start("f", "{}", "{}");
            FinalModel kept = result.finalModel();
            assertNotNull(kept);
            assertEquals(result.best().configId(), kept.evaluation().evaluation().configId());
            assertEquals(List.of(new SyntheticEvaluator.Kept(store.candidate(result.best().configId()).orElseThrow()
                    .network(), new Fidelity(3, 0), null)), evaluator.kept,
                    "without a time limit, the final fidelity alone bounds it");
            Path model = dir.resolve("run-" + result.runId()).resolve("model");
            assertEquals(model.toAbsolutePath().toString(), kept.modelDir());
            assertEquals(result.best().configId(), Files.readString(model.resolve("config.json")));
            assertEquals(kept.evaluation().id(), store.finalModel(result.runId()).orElseThrow().evaluation().id());
            assertEquals(12, store.measured(result.runId(), Targets.NONE).size(), "the final is no candidate");
        }
    }

    @Test
    void aRunWithoutFinalTrainingEndsWithItsSearch() {
        try (ResultStore store = new MemoryResultStore()) {
            SyntheticEvaluator evaluator = new SyntheticEvaluator();
            SearchResult result = search(store, evaluator, settings(null, null, 6)).start("f", "{}", "{}");
            assertNull(result.finalModel());
            assertTrue(evaluator.kept.isEmpty());
            assertTrue(store.finalModel(result.runId()).isEmpty());
        }
    }

    @Test
    void aFinalTrainingInterruptedIsTrainedOnResumeAndAKeptOneIsNotTrainedAgain() {
        try (ResultStore store = new MemoryResultStore()) {
            SyntheticEvaluator stopped = new SyntheticEvaluator() {
                @Override
                public Evaluation keep(SmartNetConfig config, Fidelity fidelity, Duration time, Path modelDir) {
                    throw new InterruptedRunException("stopped during the final training");
                }
            };
            SearchSettings settings = settings(null, THREE_EPOCHS, 12);
            SearchInterruptedException e = assertThrows(SearchInterruptedException.class,
                    () -> search(store, stopped, settings).start("f", "{}", "{}"));
            assertTrue(store.finalModel(e.runId()).isEmpty());

            SyntheticEvaluator resumed = new SyntheticEvaluator();
            SearchResult result = search(store, resumed, settings).resume(e.runId());
            assertTrue(resumed.trained.isEmpty(), "every candidate was measured before the interruption");
            assertEquals(1, resumed.kept.size());
            assertNotNull(result.finalModel());

            SyntheticEvaluator again = new SyntheticEvaluator();
            SearchResult same = search(store, again, settings).resume(e.runId());
            assertTrue(again.kept.isEmpty(), "the kept model is stored");
            assertEquals(result.finalModel().evaluation().id(), same.finalModel().evaluation().id());
        }
    }

    @Test
    void theSearchEndsTheFinalTrainingsShareOfTheTimeBeforeTheDeadline() {
        // One hour, of which all but one second is kept for the final training: the first candidate takes longer
        // than that second, so the rest of the search is cut, and the final training still has its time.
        ManualClock clock = new ManualClock();
        Interruption interruption = new Interruption(clock);
        SyntheticEvaluator slowFirst = new SyntheticEvaluator() {
            private boolean first = true;

            @Override
            void before(SmartNetConfig config) {
                interruption.check();
                if (first) {
                    first = false;
                    clock.advance(Duration.ofMillis(1_200));
                }
            }
        };
        try (ResultStore store = new MemoryResultStore()) {
            SearchResult result = search(store, slowFirst, settings(Duration.ofHours(1),
                    new FinalTraining(1, 0, "3599s"), 100)).interruptedBy(interruption).start("f", "{}", "{}");
            assertTrue(result.stoppedBy().startsWith("time"), result.stoppedBy());
            assertEquals(1, result.evaluations(), "one candidate measured before the search's deadline");
            assertTrue(store.evaluations(result.runId()).stream().skip(1)
                    .allMatch(e -> e.evaluation().status() == EvaluationStatus.CUT));
            assertNotNull(result.finalModel(), "the final training has the rest of the hour");
            assertEquals(EvaluationStatus.OK, result.finalModel().evaluation().evaluation().status());
        }
    }

    @Test
    void aFinalTrainingThatWouldTakeTheWholeRunIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> settings(Duration.ofMinutes(5), THREE_EPOCHS, 10));
        assertTrue(e.getMessage().contains("final_training.time"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> settings(null, new FinalTraining(0, 0, null), 10));
    }

    /** A search measurement: 3,000 images for one epoch trained in 30 s (0.01 s an image), measured in 10 s more. */
    private static Evaluation searched() {
        Instant start = Instant.parse("2026-11-28T00:00:00Z");
        return new Evaluation("c", new Fidelity(1, 3000), EvaluationStatus.OK,
                SyntheticEvaluator.measure(SyntheticEvaluator.HIDDEN, new Fidelity(1, 3000)).exits(), 1, false,
                "cpu()", start, start.plusSeconds(40), "", Map.of("training_seconds", "30.000", "train_images",
                "3000", "trained_images", "3000", "train_split_images", "55000"), Double.NaN);
    }

    @Test
    void aFinalTrainingThatFillsItsTimeTrainsTheWholeEpochsThatFitAtTheSearchsSpeed() {
        // 100 images a second: 240 s hold 24,000 images
        assertEquals(4, FinalTrainer.epochsThatFit(searched(), Duration.ofSeconds(240), 6000));
        assertEquals(1, FinalTrainer.epochsThatFit(searched(), Duration.ofSeconds(240), 0),
                "less than one pass over 55,000 images: one, cut by the time");
        assertEquals(4, FinalTrainer.epochsThatFit(searched(), Duration.ofSeconds(2200), 0));
        assertEquals(4, FinalTrainer.epochsThatFit(searched(), Duration.ofSeconds(2200), 100_000),
                "a subset larger than the split is the split");
        Evaluation unrecorded = new Evaluation("c", new Fidelity(1, 3000), EvaluationStatus.OK, searched().exits(),
                1, false, "cpu()", searched().started(), searched().finished(), "", Map.of(), Double.NaN);
        assertEquals(1, FinalTrainer.epochsThatFit(unrecorded, Duration.ofHours(1), 0));
    }

    @Test
    void aFinalTrainingThatFillsItsTimeNeedsARunWithATimeBudget() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> settings(null, new FinalTraining(FinalTraining.FILL, 0, "50%"), 10));
        assertTrue(e.getMessage().contains("needs a time budget"), e.getMessage());
        assertEquals(new Fidelity(7, 0), new FinalTraining(FinalTraining.FILL, 0, "50%").fidelity(7));
        assertEquals(new Fidelity(2, 0), new FinalTraining(2, 0, "50%").fidelity(7), "a fixed count stays");
        assertThrows(io.smartnas.space.InvalidInputException.class, () -> new FinalTraining(-1, 0, null));
    }

    @Test
    void theFinalTrainingGetsTheTimeLeftLessItsMeasuring() {
        assertNull(FinalTrainer.trainingTime(searched(), null), "no deadline: no time limit");
        // 0.9 x 300 s, less 3 x the 10 s the search's measuring took.
        assertEquals(Duration.ofSeconds(240), FinalTrainer.trainingTime(searched(), Duration.ofSeconds(300)));
        assertEquals(Duration.ZERO, FinalTrainer.trainingTime(searched(), Duration.ofSeconds(20)));
        assertFalse(FinalTrainer.tooShort(searched(), Duration.ofSeconds(240)), "24,000 images at 100 a second");
        assertTrue(FinalTrainer.tooShort(searched(), Duration.ofSeconds(30)),
                "3,000 images: no more than the search gave it");
        Evaluation unrecorded = new Evaluation("c", new Fidelity(1, 3000), EvaluationStatus.OK, searched().exits(),
                1, false, "cpu()", searched().started(), searched().finished(), "", Map.of(), Double.NaN);
        assertEquals(Duration.ofSeconds(270), FinalTrainer.trainingTime(unrecorded, Duration.ofSeconds(300)),
                "a measurement stored before speeds were recorded: its measuring is not known");
        assertFalse(FinalTrainer.tooShort(unrecorded, Duration.ofSeconds(1)));
        assertTrue(FinalTrainer.tooShort(unrecorded, Duration.ZERO));
    }

    @Test
    void withADeadlineTheFinalTrainingIsGivenATrainingTime() {
        try (ResultStore store = new MemoryResultStore()) {
            SyntheticEvaluator evaluator = new SyntheticEvaluator();
            SearchResult result = search(store, evaluator, settings(Duration.ofHours(1), new FinalTraining(2, 0,
                    "30m"), 6)).start("f", "{}", "{}");
            assertNotNull(result.finalModel());
            Duration time = evaluator.kept.get(0).trainingTime();
            assertTrue(time.compareTo(Duration.ofMinutes(54)) <= 0 && time.compareTo(Duration.ofMinutes(50)) > 0,
                    "0.9 of the hour left: " + time);
        }
    }

    @Test
    void aNetworkCutFromASupernetIsFineTunedOnlyForTheTimeKeptForIt() {
        Fidelity cut = Fidelity.inherited("5d4cc52e04e6");
        for (FinalTraining last : List.of(new FinalTraining(FinalTraining.FILL, 0, "5m"),
                new FinalTraining(1, 0, "10%"))) {
            try (ResultStore store = new MemoryResultStore()) {
                SyntheticEvaluator evaluator = new SyntheticEvaluator();
                SearchSettings settings = new SearchSettings(Strategy.GENETIC, Objective.MULTI, Targets.NONE,
                        new Budget(6, 6, null, Duration.ofHours(1), null), TestSettings.BOUNDS, cut,
                        SyntheticEvaluator.DEVICE, 5, last);
                assertNotNull(search(store, evaluator, settings).start("f", "{}", "{}").finalModel());
                SyntheticEvaluator.Kept kept = evaluator.kept.get(0);
                if (last.fillsTime()) {
                    // the search ended early with most of the hour left: still at most 0.9 of the 5 minutes kept
                    assertEquals("5d4cc52e04e6", kept.fidelity().supernet());
                    assertTrue(kept.fidelity().seconds() > 200 && kept.fidelity().seconds() <= 270, kept.toString());
                    assertEquals(kept.fidelity().seconds(), kept.trainingTime().toSeconds());
                } else {
                    assertEquals(cut, kept.fidelity(), "kept as it was cut");
                    assertNull(kept.trainingTime());
                }
            }
        }
    }
}
