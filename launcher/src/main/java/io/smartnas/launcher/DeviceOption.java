package io.smartnas.launcher;

import ai.djl.Device;
import io.smartnas.evaluator.Devices;
import picocli.CommandLine.Option;

import java.util.List;

/** The {@code --device} option: where to train and measure. */
final class DeviceOption {
    @Option(names = "--device", defaultValue = "auto", paramLabel = "auto|cpu|gpu|gpu:N",
            description = "Every GPU the engine sees, else the CPU (auto); or only the CPU, every GPU, one GPU "
                    + "(default ${DEFAULT-VALUE}).")
    String device;

    List<Device> devices() {
        return Devices.of(device);
    }

    /** The first device chosen: where a single model trains. */
    Device first() {
        return devices().get(0);
    }
}
