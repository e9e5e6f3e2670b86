package io.smartnas.evaluator.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.Random;

/**
 * Normalised batches of an image set, made from its bytes batch by batch. {@link #epoch(int)} shuffles
 * with a generator seeded from the seed and the epoch, so a run is repeatable and every epoch differs;
 * {@link #inOrder()} keeps the set's order, for measuring.
 */
public final class Batches {
    private final ImageSet images;
    private final Normalization normalization;
    private final int batchSize;
    private final long seed;

    public Batches(ImageSet images, Normalization normalization, int batchSize, long seed) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        this.images = images;
        this.normalization = normalization;
        this.batchSize = batchSize;
        this.seed = seed;
    }

    public ImageSet images() {
        return images;
    }

    /** Batches per pass; the last batch of a pass may be smaller. */
    public int count() {
        return (images.size() + batchSize - 1) / batchSize;
    }

    /** The order of images in epoch {@code epoch}. */
    public int[] epoch(int epoch) {
        return Split.permutation(images.size(), new Random(seed * 1_000_003L + epoch));
    }

    /** The images in their own order. */
    public int[] inOrder() {
        int[] order = new int[images.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        return order;
    }

    /**
     * Batch {@code b} of a pass in {@code order}: the images (batch, channels, height, width) and their labels, made
     * on {@code manager}.
     */
    public NDList batch(NDManager manager, int[] order, int b) {
        int from = b * batchSize;
        int size = Math.min(batchSize, order.length - from);
        int perImage = (int) images.shape().size();
        float[] pixels = new float[size * perImage];
        float[] labels = new float[size];
        for (int i = 0; i < size; i++) {
            int image = order[from + i];
            for (int k = 0; k < perImage; k++) {
                pixels[i * perImage + k] = normalization.apply(images.pixel(image, k));
            }
            labels[i] = images.label(image);
        }
        NDArray x = manager.create(pixels, new Shape(size, images.shape().channels(), images.shape().height(),
                images.shape().width()));
        NDArray y = manager.create(labels);
        return new NDList(x, y);
    }
}
