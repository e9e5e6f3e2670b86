package io.smartnas.launcher;

import io.smartnas.evaluator.data.DataSource;
import io.smartnas.space.InputShape;
import io.smartnas.space.SmartNetConfig;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The {@code --data} option shared by the commands that train or classify. */
final class DataOptions {
    /** Synthetic images per set when {@code --data synthetic}: enough to learn, quick to train. */
    private static final int SYNTHETIC_TRAIN = 2400;
    private static final int SYNTHETIC_TEST = 600;

    @Option(names = "--data", defaultValue = "fashion-mnist", paramLabel = "fashion-mnist|synthetic|DIR",
            description = "Images: Fashion-MNIST from " + "/usr/share/datasets/fashion-mnist (Debian package "
                    + "dataset-fashion-mnist), synthetic textures shaped like the config, or a directory of "
                    + "MNIST-style IDX files (default ${DEFAULT-VALUE}).")
    String data;

    /** Synthetic data for a search is shaped like Fashion-MNIST. */
    static final InputShape FASHION_MNIST_SHAPE = new InputShape(1, 28, 28);

    /** The data named by {@code --data}, shaped for {@code config} when synthetic. */
    DataSource load(SmartNetConfig config, long seed) {
        return load(data, config.input(), config.classes(), seed);
    }

    /** The data a {@code --data} value names; synthetic data gets the given shape and classes. */
    static DataSource load(String data, InputShape shape, int classes, long seed) {
        return switch (data) {
            case "fashion-mnist" -> DataSource.idx(DataSource.FASHION_MNIST);
            case "synthetic" -> DataSource.synthetic(shape, classes, SYNTHETIC_TRAIN, SYNTHETIC_TEST, seed);
            default -> DataSource.idx(Path.of(data));
        };
    }
}
