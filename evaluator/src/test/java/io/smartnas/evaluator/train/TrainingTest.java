package io.smartnas.evaluator.train;

import io.smartnas.evaluator.DivergedException;
import io.smartnas.evaluator.TrainingProgress;
import io.smartnas.space.run.TrainingMode;
import io.smartnas.space.run.Augmentation;
import io.smartnas.space.run.TrainingSettings;
import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.smartnas.evaluator.data.Batches;
import io.smartnas.evaluator.data.DataSource;
import io.smartnas.evaluator.data.ImageSet;
import io.smartnas.evaluator.net.SmartNetModel;
import io.smartnas.space.Cell;
import io.smartnas.space.InputShape;
import io.smartnas.space.SmartNetConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainingTest {
    private static final InputShape SHAPE = new InputShape(1, 8, 8);
    private static final ImageSet IMAGES = DataSource.synthetic(SHAPE, 4, 300, 1, 2).train();
    private static final SmartNetConfig CONFIG = new SmartNetConfig(SHAPE, 4, 8, 4, 2, List.of(8, 4), List.of(
            new Cell(0, 0, 1, List.of()), new Cell(0, 1, 1, List.of()), new Cell(1, 1, 1, List.of(0))));

    @Test
    void exitByExitTrainingLeavesEarlierExitsUnchangedBitForBit() {
        TrainingSettings settings = TrainingSettings.DEFAULT.withMode(TrainingMode.EXIT_BY_EXIT);
        try (SmartNetModel model = SmartNetModel.create(CONFIG, Device.cpu(), 3);
             NDManager manager = NDManager.newBaseManager()) {
            NDArray probe = manager.randomNormal(new Shape(5, 1, 8, 8));
            List<float[]> afterPhaseZero = new ArrayList<>();
            new Training(model.model(), model.block(), settings, (phase, phases, step, steps, loss) -> {
                if (phase == 0 && step == steps) {
                    afterPhaseZero.add(exitZero(model, probe));
                }
            }).run(batches(), 2);
            assertEquals(1, afterPhaseZero.size());
            assertArrayEquals(afterPhaseZero.get(0), exitZero(model, probe));
        }
    }

    @Test
    void aTimeBudgetEndsTrainingEarlyAfterAtLeastOneStep() {
        try (SmartNetModel model = SmartNetModel.create(CONFIG, Device.cpu(), 3)) {
            List<Integer> steps = new ArrayList<>();
            long images = new Training(model.model(), model.block(), TrainingSettings.DEFAULT,
                    (phase, phases, step, all, loss) -> steps.add(step)).run(batches(), 50, Duration.ofNanos(1));
            assertEquals(List.of(1), steps, "a spent budget stops training after its first step");
            assertEquals(32, images, "one batch of 32");
        }
        try (SmartNetModel model = SmartNetModel.create(CONFIG, Device.cpu(), 3)) {
            assertEquals(2L * IMAGES.size(), new Training(model.model(), model.block(), TrainingSettings.DEFAULT,
                    (phase, phases, step, all, loss) -> { }).run(batches(), 2, Duration.ofHours(1)),
                    "a budget it stays within changes nothing: every image of every epoch");
        }
    }

    @Test
    void withATimeBudgetTheScheduleRunsOnTimeWhenTimeIsAheadOfTheSteps() throws InterruptedException {
        OneCycle steps = new OneCycle(0.01f, 1000);
        // An hour's budget: the microseconds spent before the first update are no share of it on any machine.
        assertEquals(steps.getNewValue(0), new OneCycle(0.01f, 1000, Duration.ofHours(1)).getNewValue(0), 1e-6f,
                "both start at peak / 25");
        OneCycle timed = new OneCycle(0.01f, 1000, Duration.ofMillis(100));
        Thread.sleep(150);
        assertTrue(timed.timeUp());
        assertEquals(0.01f / 1e4f, timed.getNewValue(1), 1e-7f, "the budget spent: annealed to the end");
        assertTrue(steps.getNewValue(1) < 0.01f / 20, "still warming up by steps");
        assertEquals(new OneCycle(0.01f, 1000, Duration.ofHours(1)).getNewValue(300), steps.getNewValue(300), 1e-6f,
                "ahead by steps: the peak at 30% of the steps, as without a budget");
    }

    @Test
    void exitByExitTrainingRunsOnePhasePerExit() {
        TrainingSettings settings = TrainingSettings.DEFAULT.withMode(TrainingMode.EXIT_BY_EXIT);
        List<Integer> phases = new ArrayList<>();
        try (SmartNetModel model = SmartNetModel.create(CONFIG, Device.cpu(), 3)) {
            new Training(model.model(), model.block(), settings, (phase, count, step, steps, loss) -> {
                if (step == 1) {
                    phases.add(phase);
                    assertEquals(2, count);
                }
            }).run(batches(), 1);
        }
        assertEquals(List.of(0, 1), phases);
    }

    @Test
    void aLossThatBecomesNanEndsTrainingAsDiverged() {
        TrainingSettings wild = new TrainingSettings(TrainingMode.JOINT, 32, 1e30f, 0f, List.of(), 1,
                Augmentation.NONE);
        try (SmartNetModel model = SmartNetModel.create(CONFIG, Device.cpu(), 3)) {
            DivergedException e = assertThrows(DivergedException.class,
                    () -> new Training(model.model(), model.block(), wild, TrainingProgress.NONE).run(batches(), 3));
            assertNotNull(e.getMessage());
        }
    }

    @Test
    void theOneCycleScheduleWarmsUpThenDecays() {
        OneCycle schedule = new OneCycle(0.01f, 100);
        assertEquals(0.0004f, schedule.getNewValue(0), 1e-7);
        assertEquals(0.01f, schedule.getNewValue(30), 1e-6);
        assertEquals(0.000001f, schedule.getNewValue(100), 1e-7);
    }

    private static Batches batches() {
        return new Batches(IMAGES, IMAGES.statistics(), 32, 7);
    }

    private static float[] exitZero(SmartNetModel model, NDArray probe) {
        try (NDManager scope = model.model().getNDManager().newSubManager()) {
            NDArray x = probe.duplicate();
            x.attach(scope);
            return model.block().forwardExit(new ParameterStore(scope, false), x, 0).toFloatArray();
        }
    }
}
