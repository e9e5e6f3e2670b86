package io.smartnas.evaluator;

import ai.djl.Device;
import io.smartnas.space.InvalidInputException;

import java.util.ArrayList;
import java.util.List;

/** The devices an evaluator runs on: every GPU the engine reports, else the CPU, unless the user says otherwise. */
public final class Devices {
    private Devices() {
    }

    /**
     * @param choice {@code auto} (every GPU, else the CPU), {@code cpu}, {@code gpu} (every GPU) or {@code gpu:N}
     * @throws InvalidInputException if the choice is malformed or names a GPU the engine does not see
     */
    public static List<Device> of(String choice) {
        int gpus = TorchRuntime.engine().getGpuCount();
        if (choice.equals("auto")) {
            return gpus > 0 ? allGpus(gpus) : List.of(Device.cpu());
        }
        if (choice.equals("cpu")) {
            return List.of(Device.cpu());
        }
        if (choice.equals("gpu")) {
            if (gpus == 0) {
                throw new InvalidInputException("--device gpu: the PyTorch engine sees no GPU (is the CUDA build "
                        + "of the natives on the class path? see README)");
            }
            return allGpus(gpus);
        }
        if (choice.matches("gpu:[0-9]+")) {
            int id = Integer.parseInt(choice.substring(4));
            if (id >= gpus) {
                throw new InvalidInputException("--device " + choice + ": the engine sees " + gpus + " GPU(s)");
            }
            return List.of(Device.gpu(id));
        }
        throw new InvalidInputException("--device must be auto, cpu, gpu or gpu:N, got '" + choice + "'");
    }

    private static List<Device> allGpus(int count) {
        List<Device> devices = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            devices.add(Device.gpu(i));
        }
        return devices;
    }
}
