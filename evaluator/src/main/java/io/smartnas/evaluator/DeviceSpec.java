package io.smartnas.evaluator;

import ai.djl.Device;
import ai.djl.util.cuda.CudaUtils;
import io.smartnas.space.InvalidInputException;

import java.util.List;
import java.util.stream.IntStream;

/**
 * Where to train and measure, as a plain value: {@code auto} (every GPU the engine sees, else the CPU), {@code cpu},
 * {@code gpu} (every GPU) or {@code gpu:N} (one GPU). Parsing checks the form only; which devices it means is decided
 * when the engine is loaded.
 */
public record DeviceSpec(String label) {
    public static final DeviceSpec AUTO = new DeviceSpec("auto");
    public static final DeviceSpec CPU = new DeviceSpec("cpu");

    /** @throws InvalidInputException if the label is not one of the forms above */
    public DeviceSpec {
        if (label == null || !label.matches("auto|cpu|gpu|gpu:[0-9]{1,4}")) {
            throw new InvalidInputException("--device must be auto, cpu, gpu or gpu:N, got '" + label + "'");
        }
    }

    /** The device spec a label names. */
    public static DeviceSpec parse(String label) {
        return new DeviceSpec(label);
    }

    /** The kind of device it means here, {@code cpu} or {@code gpu}: what measurements are comparable within. */
    public String deviceClass() {
        return devices().get(0).getDeviceType();
    }

    /**
     * The class of device a latency profile is kept for: for a CPU its model (latency is timed on one thread, see
     * {@code OneThread}), for a GPU its compute capability and memory.
     */
    public String profileName() {
        Device device = first();
        if (device.isGpu()) {
            long mib = CudaUtils.getGpuMemory(device).getMax() >> 20;
            return "gpu sm_" + CudaUtils.getComputeCapability(device.getDeviceId()) + ", " + mib + " MiB";
        }
        return "cpu " + RuntimeProvenance.cpuModel() + ", 1 thread an image";
    }

    /**
     * Refuses devices of another kind than a run measures on: latencies of a CPU and a GPU do not compare.
     *
     * @param measuredOn {@code cpu} or {@code gpu}, or null when the run has not recorded it yet
     * @throws InvalidInputException if the devices are of another kind
     */
    public void check(String measuredOn) {
        if (measuredOn != null && !measuredOn.equals(deviceClass())) {
            throw new InvalidInputException("the run measures on a " + measuredOn + ", but --device " + label
                    + " is a " + deviceClass() + " here; latencies of the two do not compare");
        }
    }

    /**
     * The devices it means on this machine.
     *
     * @throws InvalidInputException if it names a GPU the engine does not see
     */
    List<Device> devices() {
        int gpus = TorchRuntime.engine().getGpuCount();
        return switch (label) {
            case "auto" -> gpus > 0 ? allGpus(gpus) : List.of(Device.cpu());
            case "cpu" -> List.of(Device.cpu());
            case "gpu" -> {
                if (gpus == 0) {
                    throw new InvalidInputException("--device gpu: the PyTorch engine sees no GPU (is the CUDA build "
                            + "of the natives on the class path? README, On a GPU)");
                }
                yield allGpus(gpus);
            }
            default -> {
                int id = Integer.parseInt(label.substring(4));
                if (id >= gpus) {
                    throw new InvalidInputException("--device " + label + ": the engine sees " + gpus + " GPU(s)");
                }
                yield List.of(Device.gpu(id));
            }
        };
    }

    /** One spec per device it means on this machine: {@code cpu}, or {@code gpu:N} for each GPU. */
    public List<DeviceSpec> each() {
        return devices().stream().map(d -> d.isGpu() ? new DeviceSpec("gpu:" + d.getDeviceId()) : CPU).toList();
    }

    /** The first device it means: where a single model trains. */
    Device first() {
        return devices().get(0);
    }

    private static List<Device> allGpus(int count) {
        return IntStream.range(0, count).mapToObj(Device::gpu).toList();
    }

    @Override
    public String toString() {
        return label;
    }
}
