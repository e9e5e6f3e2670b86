package io.smartnas.evaluator.data;

import io.smartnas.space.InputShape;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;

/**
 * A task's data: training images (split later into training and validation) and test images (for reports only).
 *
 * @param name  how the data is named in results and provenance
 * @param train the training file's images
 * @param test  the test file's images
 */
public record DataSource(String name, ImageSet train, ImageSet test) {
    /** Where Debian's {@code dataset-fashion-mnist} package puts Fashion-MNIST. */
    public static final Path FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");

    public DataSource {
        if (!train.shape().equals(test.shape()) || train.classes() != test.classes()) {
            throw new DataException(name + ": training images are " + train.shape() + " in " + train.classes()
                    + " classes but test images are " + test.shape() + " in " + test.classes());
        }
    }

    /**
     * How a command names this data in {@code --data}: {@code fashion-mnist}, {@code synthetic}, or the directory's
     * absolute path, so that a model trained on it can find it again from anywhere.
     */
    public String argument() {
        if (name.startsWith("synthetic-")) {
            return "synthetic";
        }
        Path dir = Path.of(name).toAbsolutePath().normalize();
        return dir.equals(FASHION_MNIST) ? "fashion-mnist" : dir.toString();
    }

    /**
     * The SHA-256 of the images and labels, training set then test set, as {@code sha256:} and hex digits: equal for
     * equal data wherever and however it was read.
     */
    public String checksum() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            train.digest(digest);
            test.digest(digest);
            return "sha256:" + HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * The four IDX files of an MNIST-style directory: {@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte},
     * {@code t10k-images-idx3-ubyte} and {@code t10k-labels-idx1-ubyte}, each plain or with {@code .gz}.
     *
     * @throws DataException naming the file that is missing, truncated or not what its name says
     */
    public static DataSource idx(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new DataException(dir + ": no such directory"
                    + (dir.equals(FASHION_MNIST) ? " (install Debian's dataset-fashion-mnist package)" : ""));
        }
        IdxFile trainImages = IdxFile.read(find(dir, "train-images-idx3-ubyte"));
        IdxFile trainLabels = IdxFile.read(find(dir, "train-labels-idx1-ubyte"));
        IdxFile testImages = IdxFile.read(find(dir, "t10k-images-idx3-ubyte"));
        IdxFile testLabels = IdxFile.read(find(dir, "t10k-labels-idx1-ubyte"));
        int classes = classes(trainLabels);
        checkWithin(testLabels, classes, trainLabels);
        return new DataSource(dir.toString(), images(trainImages, trainLabels, classes),
                images(testImages, testLabels, classes));
    }

    private static Path find(Path dir, String name) {
        Path plain = dir.resolve(name);
        Path gzip = dir.resolve(name + ".gz");
        if (Files.exists(gzip)) {
            return gzip;
        }
        if (Files.exists(plain)) {
            return plain;
        }
        throw new DataException(dir + ": " + name + " (or " + name + ".gz) is missing");
    }

    private static int classes(IdxFile labels) {
        if (labels.dimensions().length != 1) {
            throw new DataException(labels.path() + ": a label file has 1 dimension, this one has "
                    + labels.dimensions().length + " " + Arrays.toString(labels.dimensions())
                    + " (are images and labels swapped?)");
        }
        int[] count = new int[256];
        int max = 0;
        for (byte label : labels.data()) {
            count[label & 0xff]++;
            max = Math.max(max, label & 0xff);
        }
        if (max < 1) {
            throw new DataException(labels.path() + ": every label is 0; a classifier needs at least 2 classes");
        }
        for (int c = 0; c < max; c++) {
            if (count[c] == 0) {
                throw new DataException(labels.path() + ": label " + max + " appears (" + count[max] + " image(s)) "
                        + "but no image has label " + c + "; labels must be the classes 0..N-1, each with images "
                        + "(is " + max + " a stray or padding value?)");
            }
        }
        return max + 1;
    }

    private static void checkWithin(IdxFile labels, int classes, IdxFile trainLabels) {
        for (byte label : labels.data()) {
            if ((label & 0xff) >= classes) {
                throw new DataException(labels.path() + ": label " + (label & 0xff) + " is not one of the "
                        + classes + " classes of " + trainLabels.path() + " (0.." + (classes - 1) + ")");
            }
        }
    }

    private static ImageSet images(IdxFile images, IdxFile labels, int classes) {
        int[] d = images.dimensions();
        if (d.length != 3 && d.length != 4) {
            throw new DataException(images.path() + ": an image file has 3 (N, H, W) or 4 (N, C, H, W) dimensions, "
                    + "this one has " + d.length + " " + Arrays.toString(d) + " (are images and labels swapped?)");
        }
        if (d[0] != labels.dimensions()[0]) {
            throw new DataException(images.path() + " holds " + d[0] + " images but " + labels.path() + " holds "
                    + labels.dimensions()[0] + " labels");
        }
        InputShape shape = d.length == 3 ? new InputShape(1, d[1], d[2]) : new InputShape(d[1], d[2], d[3]);
        int[] values = new int[labels.data().length];
        for (int i = 0; i < values.length; i++) {
            values[i] = labels.data()[i] & 0xff;
        }
        return new ImageSet(shape, classes, images.data(), values);
    }

    /**
     * A learnable synthetic task of textures: every class has a random 4x4 tile per channel, and an example is its
     * class's tile repeated over the image from a random offset, plus pixel noise. Local patterns tell the classes
     * apart wherever they are, as in real images. Deterministic for a seed.
     */
    public static DataSource synthetic(InputShape shape, int classes, int trainSize, int testSize, long seed) {
        Random random = new Random(seed);
        int[][] tiles = new int[classes][shape.channels() * TILE * TILE];
        for (int[] tile : tiles) {
            for (int k = 0; k < tile.length; k++) {
                tile[k] = random.nextBoolean() ? 40 + random.nextInt(40) : 170 + random.nextInt(40);
            }
        }
        return new DataSource("synthetic-" + shape.channels() + "x" + shape.height() + "x" + shape.width() + "-"
                + classes + "-seed" + seed, textures(shape, tiles, trainSize, random),
                textures(shape, tiles, testSize, random));
    }

    private static final int TILE = 4;

    private static ImageSet textures(InputShape shape, int[][] tiles, int size, Random random) {
        int perImage = (int) shape.size();
        byte[] pixels = new byte[size * perImage];
        int[] labels = new int[size];
        for (int i = 0; i < size; i++) {
            labels[i] = random.nextInt(tiles.length);
            int dy = random.nextInt(TILE);
            int dx = random.nextInt(TILE);
            int k = i * perImage;
            for (int c = 0; c < shape.channels(); c++) {
                for (int y = 0; y < shape.height(); y++) {
                    for (int x = 0; x < shape.width(); x++) {
                        int base = tiles[labels[i]][(c * TILE + (y + dy) % TILE) * TILE + (x + dx) % TILE];
                        int value = base + (int) (random.nextGaussian() * 40);
                        pixels[k++] = (byte) Math.max(0, Math.min(255, value));
                    }
                }
            }
        }
        return new ImageSet(shape, tiles.length, pixels, labels);
    }
}
