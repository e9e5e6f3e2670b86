package io.smartnas.evaluator;

import io.smartnas.evaluator.data.DataSource;
import io.smartnas.space.InputShape;
import io.smartnas.space.InvalidInputException;
import io.smartnas.space.SmartNetConfig;

import java.nio.file.Path;

/**
 * Labelled images to train and measure on, named as a user names them: {@code fashion-mnist} (Debian's
 * {@code dataset-fashion-mnist} package), {@code synthetic} (learnable textures of a given shape), or a directory of
 * MNIST-style IDX files.
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
            default -> DataSource.idx(Path.of(name));
        });
    }

    /** The data {@code name} names, shaped for {@code config} when synthetic. */
    public static Dataset load(String name, SmartNetConfig config, long seed) {
        return load(name, config.input(), config.classes(), seed);
    }

    /** The data {@code name} names, synthetic data shaped like Fashion-MNIST: what a search runs on. */
    public static Dataset forSearch(String name, long seed) {
        return load(name, FASHION_MNIST_SHAPE, FASHION_MNIST_CLASSES, seed);
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
