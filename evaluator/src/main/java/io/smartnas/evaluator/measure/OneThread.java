package io.smartnas.evaluator.measure;

import ai.djl.Device;
import ai.djl.pytorch.jni.JniUtils;

import java.util.function.Supplier;

/**
 * Runs batch-size-1 work on a CPU with one intra-op thread, as a server answers one image per core. At batch size 1
 * a second thread only adds a barrier per operation: on 2 cores the two-exit example's last exit took a lower
 * quartile of 1.8-1.9 ms on one thread against 2.1-2.2 on two, idle, and while another process kept one core busy
 * 1.9 against 3.1-4.3 (the preempted thread holds up every operation), so a latency timed on one thread is the
 * network's and not the machine's load. On a GPU it changes nothing.
 */
public final class OneThread {
    private OneThread() {
    }

    /** What {@code work} returns, computed with one intra-op thread if {@code device} is a CPU. */
    public static synchronized <T> T on(Device device, Supplier<T> work) {
        if (device.isGpu()) {
            return work.get();
        }
        int threads = JniUtils.getNumThreads();
        JniUtils.setNumThreads(1);
        try {
            return work.get();
        } finally {
            JniUtils.setNumThreads(threads);
        }
    }
}
