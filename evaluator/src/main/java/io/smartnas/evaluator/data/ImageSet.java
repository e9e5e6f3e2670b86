package io.smartnas.evaluator.data;

import io.smartnas.space.InputShape;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * Labelled images in memory, pixels as unsigned bytes in {@code [channels, height, width]} order per image.
 * Immutable by convention: nothing writes to the arrays after construction.
 */
public final class ImageSet {
    private final InputShape shape;
    private final int classes;
    private final byte[] pixels;
    private final int[] labels;

    /**
     * @throws IllegalArgumentException if the arrays do not hold {@code labels.length} images of {@code shape}, or a
     *                                  label is outside {@code 0..classes-1}
     */
    public ImageSet(InputShape shape, int classes, byte[] pixels, int[] labels) {
        this.shape = Objects.requireNonNull(shape, "shape");
        this.classes = classes;
        this.pixels = pixels;
        this.labels = labels;
        if ((long) labels.length * shape.size() != pixels.length) {
            throw new IllegalArgumentException(labels.length + " images of " + shape + " need "
                    + labels.length * shape.size() + " pixels, got " + pixels.length);
        }
        for (int label : labels) {
            if (label < 0 || label >= classes) {
                throw new IllegalArgumentException("label " + label + " is outside 0.." + (classes - 1));
            }
        }
    }

    /** Adds the shape, classes, pixels and labels to a digest. */
    void digest(MessageDigest digest) {
        digest.update((shape + "/" + classes + "/").getBytes(StandardCharsets.UTF_8));
        digest.update(pixels);
        ByteBuffer buffer = ByteBuffer.allocate(Integer.BYTES * labels.length);
        buffer.asIntBuffer().put(labels);
        digest.update(buffer);
    }

    public InputShape shape() {
        return shape;
    }

    public int classes() {
        return classes;
    }

    public int size() {
        return labels.length;
    }

    public int label(int image) {
        return labels[image];
    }

    /** Pixel {@code k} of image {@code image}, 0..255. */
    int pixel(int image, int k) {
        return pixels[(int) (image * shape.size()) + k] & 0xff;
    }

    /** The images at {@code indices}, in that order. */
    public ImageSet select(int[] indices) {
        int perImage = (int) shape.size();
        byte[] selected = new byte[indices.length * perImage];
        int[] selectedLabels = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(pixels, indices[i] * perImage, selected, i * perImage, perImage);
            selectedLabels[i] = labels[indices[i]];
        }
        return new ImageSet(shape, classes, selected, selectedLabels);
    }

    /** The first {@code count} images (all of them when {@code count} is 0 or larger than the set). */
    public ImageSet first(int count) {
        if (count <= 0 || count >= size()) {
            return this;
        }
        int[] indices = new int[count];
        for (int i = 0; i < count; i++) {
            indices[i] = i;
        }
        return select(indices);
    }

    /** Mean and standard deviation of all pixels, scaled to [0, 1]: the normalisation of a training split. */
    public Normalization statistics() {
        double sum = 0;
        double squares = 0;
        for (byte p : pixels) {
            double v = (p & 0xff) / 255.0;
            sum += v;
            squares += v * v;
        }
        double mean = sum / pixels.length;
        double variance = Math.max(squares / pixels.length - mean * mean, 1e-12);
        return new Normalization((float) mean, (float) Math.sqrt(variance));
    }
}
