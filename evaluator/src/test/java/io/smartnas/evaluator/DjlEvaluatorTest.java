package io.smartnas.evaluator;

import ai.djl.Device;
import io.smartnas.space.Cell;
import io.smartnas.space.InputShape;
import io.smartnas.space.InvalidInputException;
import io.smartnas.space.SmartNetConfig;
import io.smartnas.space.evaluation.Assignment;
import io.smartnas.space.evaluation.Evaluation;
import io.smartnas.space.evaluation.EvaluationStatus;
import io.smartnas.space.evaluation.Fidelity;
import io.smartnas.space.evaluation.Interruption;
import io.smartnas.space.run.TrainingMode;
import io.smartnas.space.run.Augmentation;
import io.smartnas.space.run.TrainingSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DjlEvaluatorTest {
    private static final SmartNetConfig ONE_EXIT = new SmartNetConfig(TinyTask.SHAPE, 4, 8, 4, 1, List.of(4),
            List.of(new Cell(0, 0, 1, List.of())));

    @Test
    void everyCandidateGetsOneResultInBatchOrderAndEachIsReportedAsItEnds() {
        DjlEvaluator evaluator = new DjlEvaluator(new CandidateTrainer(TinyTask.setup(TrainingMode.JOINT)),
                List.of(Device.cpu()));
        List<Evaluation> reported = new ArrayList<>();
        List<Evaluation> results = evaluator.evaluate(Assignment.fresh(List.of(TinyTask.twoExits(), ONE_EXIT), new Fidelity(1, 100)),
                reported::add);
        assertEquals(List.of(TinyTask.twoExits().id(), ONE_EXIT.id()),
                results.stream().map(Evaluation::configId).toList());
        assertEquals(results, reported);
        assertTrue(results.stream().allMatch(Evaluation::ok));
    }

    @Test
    void aDivergingCandidateEndsDivergedAndTheBatchGoesOn() {
        TrainingSettings wild = new TrainingSettings(TrainingMode.JOINT, 32, 1e30f, 0f, List.of(), 1,
                Augmentation.NONE);
        EvaluationSetup setup = new EvaluationSetup(TinyTask.DATA, wild, TinyTask.QUICK_TIMING, false);
        DjlEvaluator evaluator = new DjlEvaluator(new CandidateTrainer(setup), List.of(Device.cpu()));
        List<Evaluation> results = evaluator.evaluate(Assignment.fresh(List.of(TinyTask.twoExits(), ONE_EXIT),
                new Fidelity(2, 0)), e -> { });
        assertEquals(2, results.size());
        for (Evaluation result : results) {
            assertEquals(EvaluationStatus.DIVERGED, result.status());
            assertTrue(result.error().startsWith("loss "), result.error());
        }
    }

    @Test
    void aCandidateThatFailsForAnyReasonEndsFailedWithItsReasonAndTheBatchGoesOn() {
        SmartNetConfig otherTask = new SmartNetConfig(new InputShape(3, 32, 32), 4, 8, 4, 1, List.of(4),
                List.of(new Cell(0, 0, 1, List.of())));
        DjlEvaluator evaluator = new DjlEvaluator(new CandidateTrainer(TinyTask.setup(TrainingMode.JOINT)),
                List.of(Device.cpu()));
        List<Evaluation> results = evaluator.evaluate(Assignment.fresh(List.of(otherTask, ONE_EXIT), new Fidelity(1, 100)),
                e -> { });
        assertEquals(EvaluationStatus.FAILED, results.get(0).status());
        assertTrue(results.get(0).error().contains("the config is for"), results.get(0).error());
        assertTrue(results.get(1).ok());
    }

    @Test
    void aNetworkTooLargeForTheDeviceIsRefusedBeforeAnythingIsAllocated() {
        int side = InputShape.MAX_SIDE;
        List<Cell> cells = new ArrayList<>();
        for (int col = 0; col < 3; col++) {
            for (int row = 0; row <= col; row++) {
                cells.add(new Cell(row, col, SmartNetConfig.MAX_DEPTH, List.of()));
            }
        }
        SmartNetConfig huge = new SmartNetConfig(new InputShape(3, side, side), 10, SmartNetConfig.MAX_STEM, 4, 3,
                List.of(SmartNetConfig.MAX_GROWTH, SmartNetConfig.MAX_GROWTH, SmartNetConfig.MAX_GROWTH), cells);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> CandidateTrainer.refuseBeyondDevice(huge, 64, Device.cpu()));
        assertTrue(e.getMessage().contains("GB to train at batch 64"), e.getMessage());
    }

    @Test
    void atTheDeadlineTheCandidateInFlightIsCutAndTheRestAreNotStarted() {
        CandidateProgress deadlinePassesAtStepTwo = (config, device) -> (phase, phases, step, steps, loss) -> {
            if (step == 2) {
                Interruption.process().deadline(Instant.now().minusSeconds(1));
            }
        };
        DjlEvaluator evaluator = new DjlEvaluator(new CandidateTrainer(TinyTask.setup(TrainingMode.JOINT)),
                List.of(Device.cpu()), deadlinePassesAtStepTwo);
        try {
            List<Evaluation> results = evaluator.evaluate(Assignment.fresh(List.of(TinyTask.twoExits(), ONE_EXIT),
                    new Fidelity(2, 0)), e -> { });
            assertEquals(EvaluationStatus.CUT, results.get(0).status());
            assertTrue(results.get(0).error().contains("in flight"), results.get(0).error());
            assertEquals(EvaluationStatus.CUT, results.get(1).status());
            assertTrue(results.get(1).error().contains("not started"), results.get(1).error());
        } finally {
            Interruption.process().deadline(null);
        }
    }

    @Test
    void aCandidateThatWouldNotBeMeasuredBeforeTheDeadlineIsNotStarted() {
        DjlEvaluator evaluator = new DjlEvaluator(new CandidateTrainer(TinyTask.setup(TrainingMode.JOINT)),
                List.of(Device.cpu()));
        try {
            List<Evaluation> results = evaluator.evaluate(Assignment.fresh(List.of(TinyTask.twoExits(),
                    TinyTask.twoExits().prefix(1)), new Fidelity(2, 0)), first -> {
                        if (first.configId().equals(TinyTask.twoExits().id())) {
                            // The second is a prefix of the first: by the first's time it needs a good part of it.
                            Duration took = Duration.between(first.started(), first.finished());
                            Interruption.process().deadline(Instant.now().plus(took.dividedBy(20)));
                        }
                    });
            assertEquals(EvaluationStatus.OK, results.get(0).status());
            assertEquals(EvaluationStatus.CUT, results.get(1).status());
            assertTrue(results.get(1).error().contains("would take about"), results.get(1).error());
        } finally {
            Interruption.process().deadline(null);
        }
    }

    @Test
    void aKeptCandidateIsMeasuredOnTheTestImagesAndSavedAsAModelThatOpens(@TempDir Path dir) {
        DjlEvaluator evaluator = new DjlEvaluator(new CandidateTrainer(TinyTask.setup(TrainingMode.JOINT)),
                List.of(Device.cpu()));
        Path model = dir.resolve("model");
        Evaluation kept = evaluator.keep(TinyTask.twoExits(), new Fidelity(2, 200), null, model);
        assertEquals(EvaluationStatus.OK, kept.status(), kept.error());
        assertEquals(new Fidelity(2, 200), kept.fidelity(), "no time limit: the whole fidelity");
        assertTrue(kept.lastExit().testAccuracy() >= 0, "measured on the test images");
        try (SavedModel saved = SavedModel.open(model, null, DeviceSpec.parse("cpu"))) {
            assertEquals(TinyTask.twoExits().id(), saved.config().id());
            assertEquals(kept.exits().size() - 1, saved.savedPolicy().thresholds().size());
        }
        Evaluation rushed = evaluator.keep(TinyTask.twoExits(), new Fidelity(50, 0), Duration.ofNanos(1),
                dir.resolve("rushed"));
        assertEquals(new Fidelity(1, 32), rushed.fidelity(), "a spent training time: one batch, and it says so");
        assertEquals("32", rushed.provenance().get("trained_images"));
    }

    @Test
    void theFidelityAchievedIsWholeEpochsOrPartOfTheFirst() {
        Fidelity most = new Fidelity(3, 0);
        assertEquals(most, CandidateTrainer.achieved(most, 3000, 1000));
        assertEquals(new Fidelity(2, 0), CandidateTrainer.achieved(most, 2500, 1000));
        assertEquals(new Fidelity(1, 700), CandidateTrainer.achieved(most, 700, 1000));
        assertEquals(new Fidelity(1, 500), CandidateTrainer.achieved(new Fidelity(1, 500), 500, 500));
    }

    @Test
    void aFidelityOfEqualTimeTrainsForItsTimeUnlessABudgetIsShorter() {
        Fidelity timed = new Fidelity(100, 0, 15);
        assertEquals(Duration.ofSeconds(15), CandidateTrainer.timeOf(timed, null));
        assertEquals(Duration.ofSeconds(15), CandidateTrainer.timeOf(timed, Duration.ofMinutes(1)));
        assertEquals(Duration.ofSeconds(4), CandidateTrainer.timeOf(timed, Duration.ofSeconds(4)));
        assertNull(CandidateTrainer.timeOf(new Fidelity(1, 0), null));
        assertEquals(new Fidelity(2, 0), CandidateTrainer.achieved(timed, 2500, 1000),
                "cut by a budget shorter than its time: the epochs it got, untimed");
        assertEquals("15 s of training (at most 100 epoch(s) on all examples)", timed.toString());
    }

    @Test
    void aCandidateAtAFidelityOfEqualTimeTrainsForThatTimeAndIsRecordedAtIt() {
        DjlEvaluator evaluator = new DjlEvaluator(new CandidateTrainer(TinyTask.setup(TrainingMode.JOINT)),
                List.of(Device.cpu()));
        Fidelity timed = new Fidelity(1000, 0, 2);
        Evaluation e = evaluator.evaluate(Assignment.fresh(List.of(TinyTask.twoExits()), timed), done -> { }).get(0);
        assertEquals(timed, e.fidelity());
        double seconds = Double.parseDouble(e.provenance().get("training_seconds"));
        assertTrue(seconds >= 2, "trained for its time, not for its 1,000 epochs' worth of steps: " + seconds + " s");
        long images = Long.parseLong(e.provenance().get("trained_images"));
        assertTrue(images > 0 && images < 1000L * Long.parseLong(e.provenance().get("train_images")),
                "stopped by its time: " + images + " images");
    }

    @Test
    void devicesDefaultToTheCpuWithoutGpus() {
        if (TorchRuntime.engine().getGpuCount() == 0) {
            assertEquals(List.of(Device.cpu()), DeviceSpec.AUTO.devices());
            assertEquals("cpu", DeviceSpec.AUTO.deviceClass());
        }
        assertEquals(List.of(Device.cpu()), DeviceSpec.parse("cpu").devices());
    }

    @Test
    void aDeviceSpecIsCheckedByItsFormAlone() {
        assertEquals("gpu:3", DeviceSpec.parse("gpu:3").label());
        for (String bad : new String[] {"", "GPU", "gpu:", "gpu:-1", "tpu", "cpu:0"}) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> DeviceSpec.parse(bad));
            assertTrue(e.getMessage().contains("auto, cpu, gpu or gpu:N"), e.getMessage());
        }
    }
}
