package io.smartnas.evaluator.measure;

import ai.djl.Device;
import ai.djl.util.cuda.CudaUtils;

import java.lang.management.ManagementFactory;

/** How much memory a device has in all: a GPU's own memory, or the machine's physical memory for the CPU. */
public final class DeviceMemory {
    private DeviceMemory() {
    }

    /** Bytes of memory on {@code device}. */
    public static long total(Device device) {
        if (device.isGpu()) {
            return CudaUtils.getGpuMemory(device).getMax();
        }
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return os.getTotalMemorySize();
    }
}
