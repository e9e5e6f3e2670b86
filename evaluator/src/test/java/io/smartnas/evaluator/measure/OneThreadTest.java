package io.smartnas.evaluator.measure;

import ai.djl.Device;
import ai.djl.pytorch.jni.JniUtils;
import io.smartnas.evaluator.net.SmartNetModel;
import io.smartnas.space.Cell;
import io.smartnas.space.InputShape;
import io.smartnas.space.SmartNetConfig;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class OneThreadTest {
    /** Loads the engine through the front of the evaluator, as every timing does. */
    private static void engine() {
        SmartNetConfig tiny = new SmartNetConfig(new InputShape(1, 8, 8), 2, 4, 2, 1, List.of(4),
                List.of(new Cell(0, 0, 1, List.of())));
        SmartNetModel.create(tiny, Device.cpu(), 1).close();
    }

    @Test
    void cpuWorkRunsOnOneThreadAndTheEnginesThreadsComeBack() {
        engine();
        int threads = JniUtils.getNumThreads();
        assertEquals(1, OneThread.on(Device.cpu(), JniUtils::getNumThreads));
        assertEquals(threads, JniUtils.getNumThreads());
    }

    @Test
    void theThreadsComeBackWhenTheWorkThrows() {
        engine();
        int threads = JniUtils.getNumThreads();
        assertThrows(IllegalStateException.class, () -> OneThread.on(Device.cpu(), () -> {
            throw new IllegalStateException("failed");
        }));
        assertEquals(threads, JniUtils.getNumThreads());
    }
}
