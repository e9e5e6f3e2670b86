package io.smartnas.evaluator.data;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.smartnas.evaluator.TorchRuntime;
import io.smartnas.space.InputShape;
import io.smartnas.space.run.Augmentation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BatchesTest {
    private final ImageSet images = DataSource.synthetic(new InputShape(1, 28, 28), 10, 640, 1, 7).train();
    private final Normalization normalization = images.statistics();

    @BeforeAll
    static void engine() {
        TorchRuntime.engine();
    }

    @Test
    void aBatchHoldsTheNormalisedImagesAndLabelsAndKeepsThemWhenTheNextIsMade() {
        Batches batches = new Batches(images, normalization, 64, 3);
        int[] order = batches.epoch(0);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList first = batches.batch(manager, order, 0);
            float[] pixels = first.get(0).toFloatArray();
            float[] labels = first.get(1).toFloatArray();
            batches.batch(manager, order, 1);
            assertArrayEquals(pixels, first.get(0).toFloatArray(), "the next batch overwrote this one");
            assertArrayEquals(labels, first.get(1).toFloatArray());
            assertEquals(64 * 784, pixels.length);
            for (int i = 0; i < 64; i++) {
                int image = order[i];
                assertEquals(images.label(image), labels[i]);
                assertEquals(normalization.apply(images.pixel(image, 100)), pixels[i * 784 + 100]);
            }
        }
    }

    @Test
    void aCropShiftsEachImageByAtMostItsPaddingWithZerosComingIn() {
        int p = 3;
        Batches batches = new Batches(images, normalization, 64, 3, new Augmentation(p, false));
        Set<String> shifts = new HashSet<>();
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] pixels = batches.batch(manager, batches.inOrder(), 0).get(0).toFloatArray();
            for (int i = 0; i < 64; i++) {
                shifts.add(shiftOf(pixels, i, p, false));
            }
        }
        assertFalse(shifts.contains(null), "an image was not a shifted copy of itself");
        assertTrue(shifts.size() > 10, "64 images took only the shifts " + shifts);
    }

    @Test
    void aFlipMirrorsAboutHalfTheImagesAndChangesNothingElse() {
        Batches batches = new Batches(images, normalization, 64, 3, new Augmentation(0, true));
        int mirrored = 0;
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] pixels = batches.batch(manager, batches.inOrder(), 0).get(0).toFloatArray();
            for (int i = 0; i < 64; i++) {
                boolean same = "0,0".equals(shiftOf(pixels, i, 0, false));
                boolean flipped = "0,0".equals(shiftOf(pixels, i, 0, true));
                assertTrue(same || flipped, "image " + i + " is neither itself nor its mirror image");
                mirrored += flipped ? 1 : 0;
            }
        }
        assertTrue(mirrored > 16 && mirrored < 48, mirrored + " of 64 mirrored");
    }

    /** The shift "dy,dx" that makes batch image {@code i} from image {@code i} of the set, or null when none does. */
    private String shiftOf(float[] pixels, int i, int p, boolean mirror) {
        float zero = normalization.apply(0);
        for (int dy = -p; dy <= p; dy++) {
            for (int dx = -p; dx <= p; dx++) {
                boolean all = true;
                for (int y = 0; y < 28 && all; y++) {
                    for (int x = 0; x < 28 && all; x++) {
                        int sy = y + dy;
                        int sx = (mirror ? 27 - x : x) + dx;
                        float expected = sy < 0 || sy >= 28 || sx < 0 || sx >= 28 ? zero
                                : normalization.apply(images.pixel(i, sy * 28 + sx));
                        all = expected == pixels[i * 784 + y * 28 + x];
                    }
                }
                if (all) {
                    return dy + "," + dx;
                }
            }
        }
        return null;
    }

    @Test
    void theLastBatchOfAPassMayBeSmaller() {
        Batches batches = new Batches(images, normalization, 100, 3);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList last = batches.batch(manager, batches.inOrder(), batches.count() - 1);
            assertEquals(40, last.get(0).getShape().get(0));
            assertEquals(40, last.get(1).getShape().get(0));
            assertEquals(images.label(639), last.get(1).toFloatArray()[39]);
        }
    }

    @Test
    void batchesLeaveNoDirectMemoryForTheGarbageCollector() {
        Batches batches = new Batches(images, normalization, 64, 3);
        int[] order = batches.epoch(0);
        try (NDManager manager = NDManager.newBaseManager()) {
            batches.batch(manager, order, 0).close();
            long before = directMemoryUsed();
            for (int b = 0; b < 10; b++) {
                try (NDManager step = manager.newSubManager()) {
                    batches.batch(step, order, b);
                }
            }
            // Before the staging buffer, every batch left a 200 KB direct buffer behind until a collection.
            assertTrue(directMemoryUsed() - before < 64 * 784 * Float.BYTES,
                    "direct memory grew by " + (directMemoryUsed() - before) + " bytes");
        }
    }

    private static long directMemoryUsed() {
        return ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(pool -> pool.getName().equals("direct")).mapToLong(BufferPoolMXBean::getMemoryUsed).sum();
    }
}
