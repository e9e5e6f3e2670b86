package io.smartnas.evaluator;

import io.smartnas.evaluator.data.DataSource;
import io.smartnas.evaluator.data.ImageFolder;
import io.smartnas.space.InputShape;
import io.smartnas.space.InvalidInputException;
import io.smartnas.space.SmartNetConfig;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Labelled images to train and measure on, named as a user names them: {@code fashion-mnist} (Debian's
 * {@code dataset-fashion-mnist} package), {@code synthetic} (learnable textures of a given shape), a directory of
 * MNIST-style IDX files, or an image folder (a subfolder of images per class, see {@link ImageFolder}).
 */
public final class Dataset {
    /** The shape of Fashion-MNIST, which synthetic data for a search takes. */
    public static final InputShape FASHION_MNIST_SHAPE = new InputShape(1, 28, 28);
    /** The classes of Fashion-MNIST. */
    public static final int FASHION_MNIST_CLASSES = 10;
    /** Synthetic images per set: enough to learn, quick to train. */
    private static final int SYNTHETIC_TRAIN = 2400;
    private static final int SYNTHETIC_TEST = 600;

    private final DataSource source;
    private String checksum;

    private Dataset(DataSource source) {
        this.source = source;
    }

    /**
     * The data {@code name} names; synthetic data gets the given shape and classes and is drawn from {@code seed}.
     *
     * @throws io.smartnas.evaluator.data.DataException naming the file that is missing or damaged
     */
    public static Dataset load(String name, InputShape shape, int classes, long seed) {
        return new Dataset(switch (name) {
            case "fashion-mnist" -> DataSource.idx(DataSource.FASHION_MNIST);
            case "synthetic" -> DataSource.synthetic(shape, classes, SYNTHETIC_TRAIN, SYNTHETIC_TEST, seed);
            default -> directory(Path.of(name), shape);
        });
    }

    /** An image folder, its images made {@code shape} (their own when null), or a directory of IDX files. */
    private static DataSource directory(Path dir, InputShape shape) {
        return Files.isDirectory(dir) && ImageFolder.looksLike(dir) ? ImageFolder.read(dir, shape)
                : DataSource.idx(dir);
    }

    /** The data {@code name} names, shaped for {@code config} when synthetic. */
    public static Dataset load(String name, SmartNetConfig config, long seed) {
        return load(name, config.input(), config.classes(), seed);
    }

    /**
     * The data a search runs on: synthetic data of {@code input} (Fashion-MNIST's shape when null), an image folder's
     * images made {@code input} (when null, the first image's shape), IDX images as they are.
     *
     * @param input the run's input shape, or null for the data's own
     * @throws InvalidInputException if {@code input} is given and IDX images have another shape
     */
    public static Dataset forSearch(String name, InputShape input, long seed) {
        Dataset data = switch (name) {
            case "synthetic" -> load(name, input != null ? input : FASHION_MNIST_SHAPE, FASHION_MNIST_CLASSES, seed);
            case "fashion-mnist" -> new Dataset(DataSource.idx(DataSource.FASHION_MNIST));
            default -> new Dataset(directory(Path.of(name), input));
        };
        if (input != null && !input.equals(data.input())) {
            throw new InvalidInputException("the run's input is " + input + " but " + name + " holds "
                    + data.input() + " images; IDX images are taken as they are (an image folder is resized)");
        }
        return data;
    }

    /**
     * Refuses data that is not what a run was started on.
     *
     * @param checksum the checksum the run recorded, or null when it recorded none
     * @throws InvalidInputException if the checksums differ
     */
    public void check(String checksum) {
        if (checksum != null && !checksum.equals(checksum())) {
            throw new InvalidInputException(source.name() + " is not the data the run started on (checksum "
                    + checksum() + ", the run recorded " + checksum + "); its results would not compare");
        }
    }

    public InputShape input() {
        return source.train().shape();
    }

    public int classes() {
        return source.train().classes();
    }

    /** The SHA-256 of its images and labels: equal for equal data, however it was read. */
    public synchronized String checksum() {
        if (checksum == null) {
            checksum = source.checksum(); // one pass over every image, so once
        }
        return checksum;
    }

    DataSource source() {
        return source;
    }
}
