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

    @Test
    void countsOutOfRangeAreRefusedBeforeAnythingRuns() {
        assertThrows(InvalidInputException.class, () -> Bench.run(TinyTask.twoExits(), 0, 3, 1, null,
                DeviceSpec.CPU, TrainingProgress.NONE));
        assertThrows(InvalidInputException.class, () -> Bench.run(TinyTask.twoExits(), 8, 3, -1, null,
                DeviceSpec.CPU, TrainingProgress.NONE));
    }
}
