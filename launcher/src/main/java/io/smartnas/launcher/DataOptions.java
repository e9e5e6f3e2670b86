package io.smartnas.launcher;

import picocli.CommandLine.Option;

/** The {@code --data} option shared by the commands that train or classify. */
final class DataOptions {
    @Option(names = "--data", defaultValue = "fashion-mnist", paramLabel = "fashion-mnist|synthetic|DIR",
            description = "Images: Fashion-MNIST from " + "/usr/share/datasets/fashion-mnist (Debian package "
                    + "dataset-fashion-mnist), synthetic textures shaped like the config, a directory of "
                    + "MNIST-style IDX files, or an image folder (a subfolder of PNG or JPEG images per class, "
                    + "optionally under train/ and test/), resized to the config's input (default ${DEFAULT-VALUE}).")
    String data;
}
