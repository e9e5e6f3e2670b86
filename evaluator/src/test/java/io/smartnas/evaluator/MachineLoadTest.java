package io.smartnas.evaluator;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("slow")
class MachineLoadTest {
    @Test
    void anotherProcessBusyOnACoreIsSeen() throws Exception {
        Process yes = new ProcessBuilder("sh", "-c", "exec yes > /dev/null").start();
        try {
            Thread.sleep(200);
            MachineLoad.Span busy = MachineLoad.start();
            Thread.sleep(1_000);
            MachineLoad load = busy.stop();
            assertTrue(load.otherCores() > 0.5, "a process spinning on a core: " + load);
            assertTrue(load.loadAverage() >= 0, load.toString());
        } finally {
            yes.destroyForcibly().waitFor();
        }
    }

    @Test
    void heavyMeansAtLeastHalfACoreOrAQuarterOfTheMachine() {
        int cores = Runtime.getRuntime().availableProcessors();
        assertFalse(new MachineLoad(0.2, 0.5).heavy());
        assertTrue(new MachineLoad(Math.max(0.5, cores / 4.0), 3).heavy());
        assertFalse(new MachineLoad(Double.NaN, Double.NaN).heavy(), "unknown is not heavy");
    }
}
