package io.smartnas.launcher;

import io.smartnas.evaluator.DeviceSpec;
import picocli.CommandLine.Option;

/** The {@code --device} option: where to train and measure. */
final class DeviceOption {
    @Option(names = "--device", defaultValue = "auto", paramLabel = "auto|cpu|gpu|gpu:N",
            description = "Every GPU the engine sees, else the CPU (auto); or only the CPU, every GPU, one GPU "
                    + "(default ${DEFAULT-VALUE}).")
    String device;

    DeviceSpec spec() {
        return DeviceSpec.parse(device);
    }
}
