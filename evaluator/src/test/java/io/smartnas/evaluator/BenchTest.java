package io.smartnas.evaluator;

import io.smartnas.space.InvalidInputException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchTest {
    @Test
    void aBenchTrainsTheStepsAskedAndTimesEveryExit() {
        Bench.Report report = Bench.run(TinyTask.twoExits(), 8, 3, 1, null, DeviceSpec.CPU, TrainingProgress.NONE);
        assertEquals(3, report.steps());
        assertEquals(2, report.exits().size());
        assertTrue(report.trainImagesPerSecond() > 0, "images per second: " + report.trainImagesPerSecond());
        report.exits().forEach(exit -> assertTrue(exit.latencyMs() > 0 && exit.macs() > 0, exit.toString()));
    }

    /** The step's phases are timed over the timed steps only, and within one step's share of the timed wall time. */
    @Test
    void aTimedStepsMillisecondsAreSplitIntoForwardBackwardAndUpdate() {
        Bench.Report report = Bench.run(TinyTask.twoExits(), 8, 4, 2, null, DeviceSpec.CPU, TrainingProgress.NONE);
        Bench.StepMs step = report.stepMs();
        assertTrue(step.forward() > 0 && step.backward() > 0 && step.update() > 0, step.toString());
        double wallMsPerStep = 1000.0 * report.batch() / report.trainImagesPerSecond();
        assertTrue(step.forward() + step.backward() + step.update() <= wallMsPerStep,
                step + " against " + wallMsPerStep + " ms a step");
    }

    @Test
    void countsOutOfRangeAreRefusedBeforeAnythingRuns() {
        assertThrows(InvalidInputException.class, () -> Bench.run(TinyTask.twoExits(), 0, 3, 1, null,
                DeviceSpec.CPU, TrainingProgress.NONE));
        assertThrows(InvalidInputException.class, () -> Bench.run(TinyTask.twoExits(), 8, 3, -1, null,
                DeviceSpec.CPU, TrainingProgress.NONE));
    }
}
