package io.smartnas.evaluator.data;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.smartnas.evaluator.TorchRuntime;
import io.smartnas.space.InputShape;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
