package io.smartnas.launcher;

import picocli.CommandLine.Option;

/** The {@code --data} option shared by the commands that train or classify. */
final class DataOptions {
    @Option(names = "--data", defaultValue = "fashion-mnist", paramLabel = "fashion-mnist|synthetic|DIR",
            description = "Images: Fashion-MNIST from " + "/usr/share/datasets/fashion-mnist (Debian package "
                    + "dataset-fashion-mnist), synthetic textures shaped like the config, or a directory of "
                    + "MNIST-style IDX files (default ${DEFAULT-VALUE}).")
    String data;
}
