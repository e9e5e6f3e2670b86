package io.smartnas.evaluator.measure;

import ai.djl.pytorch.jni.JniUtils;
import io.smartnas.evaluator.TorchRuntime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FittedThreadsTest {
    @BeforeAll
    static void engine() {
        TorchRuntime.engine();
    }

    @Test
    void threadsGiveWayToTheCoresOtherProcessesTake() {
        assertEquals(2, FittedThreads.fit(2, 0.0));
        assertEquals(2, FittedThreads.fit(2, 0.25), "a shell or a daemon leaves every thread");
        assertEquals(1, FittedThreads.fit(2, 0.5), "one busy core shared with our second thread");
        assertEquals(1, FittedThreads.fit(2, 1.0), "one busy core left to its process");
        assertEquals(1, FittedThreads.fit(2, 3.0), "never fewer than one");
        assertEquals(6, FittedThreads.fit(8, 1.9));
        assertEquals(2, FittedThreads.fit(2, Double.NaN), "no /proc: the engine's setting");
    }

    @Test
    void theLoadIsLookedAtEveryIntervalAndTheEngineGetsItsThreadsBack() {
        int engine = JniUtils.getNumThreads();
        AtomicLong now = new AtomicLong();
        ArrayDeque<Double> others = new ArrayDeque<>(List.of(1.0, 0.0));
        JniUtils.setNumThreads(2);
        try (FittedThreads threads = new FittedThreads(true, 2, now::get, others::remove)) {
            threads.fit();
            assertEquals(2, threads.threads(), "not looked at before an interval has passed");
            now.addAndGet(FittedThreads.INTERVAL_NANOS);
            threads.fit();
            assertEquals(1, threads.threads());
            assertEquals(1, JniUtils.getNumThreads(), "the engine runs on one thread");
            now.addAndGet(FittedThreads.INTERVAL_NANOS / 2);
            threads.fit();
            assertEquals(1, threads.threads(), "half an interval later nothing is looked at");
            now.addAndGet(FittedThreads.INTERVAL_NANOS);
            threads.fit();
            assertEquals(2, threads.threads(), "the other process ended");
            assertEquals("1-2", threads.label());
            now.addAndGet(FittedThreads.INTERVAL_NANOS);
            others.add(1.0);
            threads.fit();
            assertEquals(1, JniUtils.getNumThreads());
        } finally {
            assertEquals(2, JniUtils.getNumThreads(), "closing gives the engine back the 2 it had");
            JniUtils.setNumThreads(engine);
        }
    }

    @Test
    void onAGpuNothingChanges() {
        AtomicLong now = new AtomicLong();
        try (FittedThreads threads = new FittedThreads(false, 1, now::get, () -> 5.0)) {
            now.addAndGet(FittedThreads.INTERVAL_NANOS);
            threads.fit();
            assertEquals("1", threads.label());
        }
    }
}
