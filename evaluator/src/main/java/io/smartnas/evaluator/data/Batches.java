package io.smartnas.evaluator.data;

import io.smartnas.space.evaluation.Interruption;
import io.smartnas.space.run.Augmentation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Random;

/**
 * Normalised batches of an image set, made from its bytes batch by batch. {@link #epoch(int)} shuffles
 * with a generator seeded from the seed and the epoch, so a run is repeatable and every epoch differs;
 * {@link #inOrder()} keeps the set's order, for measuring.
 *
 * <p>A batch is written into one direct buffer that this object keeps and reuses, and the engine copies it into a
 * tensor of its own. Handing the engine a new Java array per batch instead makes DJL wrap a new direct buffer that
 * the tensor shares and that only the garbage collector frees: about 200 KB of native memory per Fashion-MNIST batch
 * of 64 piled up between collections (200 MB after a thousand steps with a 1 GB heap). Not thread-safe: one
 * {@code Batches} per loop.
 */
public final class Batches {
    private final ImageSet images;
    private final Normalization normalization;
    private final int batchSize;
    private final long seed;
    private final Augmentation augmentation;
    private final Random variation;
    private ByteBuffer staging;

    /** Batches of the images as they are. */
    public Batches(ImageSet images, Normalization normalization, int batchSize, long seed) {
        this(images, normalization, batchSize, seed, Augmentation.NONE);
    }

    /**
     * Batches whose images are varied by {@code augmentation} each time they are drawn, from a generator seeded with
     * {@code seed}: the same calls give the same batches.
     */
    public Batches(ImageSet images, Normalization normalization, int batchSize, long seed, Augmentation augmentation) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        this.images = images;
        this.normalization = normalization;
        this.batchSize = batchSize;
        this.seed = seed;
        this.augmentation = augmentation;
        this.variation = new Random(seed * 31 + 17);
    }

    public ImageSet images() {
        return images;
    }

    /** Images per batch; the last batch of a pass may have fewer. */
    public int batchSize() {
        return batchSize;
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
        Interruption.process().check();
        int from = b * batchSize;
        int size = Math.min(batchSize, order.length - from);
        int perImage = (int) images.shape().size();
        if (staging == null) {
            staging = ByteBuffer.allocateDirect(Float.BYTES * batchSize * (perImage + 1))
                    .order(ByteOrder.nativeOrder());
        }
        FloatBuffer floats = staging.asFloatBuffer();
        for (int i = 0; i < size; i++) {
            int image = order[from + i];
            if (augmentation.any()) {
                putVaried(floats, i * perImage, image);
            } else {
                for (int k = 0; k < perImage; k++) {
                    floats.put(i * perImage + k, normalization.apply(images.pixel(image, k)));
                }
            }
            floats.put(size * perImage + i, images.label(image));
        }
        NDArray x = copy(manager, 0, size * perImage,
                new Shape(size, images.shape().channels(), images.shape().height(), images.shape().width()));
        NDArray y = copy(manager, size * perImage, size, new Shape(size));
        return new NDList(x, y);
    }

    /**
     * Image {@code image} cropped at a random offset from itself padded with zeros, and mirrored half of the time,
     * normalised into {@code floats} from {@code offset}.
     */
    private void putVaried(FloatBuffer floats, int offset, int image) {
        int p = augmentation.cropPadding();
        int dy = p == 0 ? 0 : variation.nextInt(2 * p + 1) - p;
        int dx = p == 0 ? 0 : variation.nextInt(2 * p + 1) - p;
        boolean mirror = augmentation.flip() && variation.nextBoolean();
        int h = images.shape().height();
        int w = images.shape().width();
        float zero = normalization.apply(0);
        int k = offset;
        for (int c = 0; c < images.shape().channels(); c++) {
            for (int y = 0; y < h; y++) {
                int sy = y + dy;
                for (int x = 0; x < w; x++) {
                    int sx = (mirror ? w - 1 - x : x) + dx;
                    floats.put(k++, sy < 0 || sy >= h || sx < 0 || sx >= w ? zero
                            : normalization.apply(images.pixel(image, (c * h + sy) * w + sx)));
                }
            }
        }
    }

    /** A tensor of the engine's own with {@code count} floats of the staging buffer from float {@code offset}. */
    private NDArray copy(NDManager manager, int offset, int count, Shape shape) {
        ByteBuffer floats = staging.position(Float.BYTES * offset).limit(Float.BYTES * (offset + count)).slice()
                .order(ByteOrder.nativeOrder());
        staging.clear();
        try (NDArray shared = manager.create(floats, shape, DataType.FLOAT32)) {
            return shared.duplicate();
        }
    }
}
