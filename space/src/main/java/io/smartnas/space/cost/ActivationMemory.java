package io.smartnas.space.cost;

import io.smartnas.space.Cell;
import io.smartnas.space.Grid;
import io.smartnas.space.InputShape;
import io.smartnas.space.SmartNetConfig;

/**
 * Peak activation memory of one image (batch size 1, float32) when a SmartNet runs column by column: the stem, then
 * for each column {@code c} its cells top to bottom and head {@code c}.
 *
 * <p>How it counts: a tensor is live from the step that makes it to the last step that reads it.
 * <ul>
 *   <li>The input image is live until the stem's convolution has run; when {@code base > 0} the convolution's full-size
 *       output is live until it has been pooled to slot 0.</li>
 *   <li>A slot is live from its cell (or the stem) until the last cell or head that reads it; a slot nobody reads is
 *       dropped at once. A head reads the sources of its diagonal cell's view and that cell's slot.</li>
 *   <li>While a Smart Block of depth L runs, its materialised view ({@code v} channels), its slot ({@code L*k}
 *       channels, written layer by layer as memory-efficient DenseNets do) and, for the layer running, its input
 *       concatenation ({@code v + (l-1)k}) and bottleneck output ({@code bottleneck*k}) are live as well.</li>
 *   <li>A head holds its input concatenation (view and slot), the pooled vector and the logits.</li>
 *   <li>Batch norm and ReLU work in place; pooling and resizing of a source are part of the materialised view.</li>
 * </ul>
 * The peak is the largest sum of live bytes over all of these moments.
 */
public final class ActivationMemory {
    private ActivationMemory() {
    }

    /** Peak bytes of live feature maps, by the rules above. */
    public static long peakBytes(SmartNetConfig config) {
        int[] lastUse = lastUse(config);
        InputShape in = config.input();
        long[] liveSlot = new long[config.slotCount()];
        long stemConv = (long) config.stem() * in.height() * in.width();
        long stemOut = (long) config.stem() * in.height(config.base()) * in.width(config.base());
        long peak = config.base() == 0 ? in.size() + stemConv : Math.max(in.size() + stemConv, stemConv + stemOut);
        long live = stemOut;
        liveSlot[0] = stemOut;
        int step = 0;
        live -= release(liveSlot, lastUse, step);
        for (int c = 0; c < config.size(); c++) {
            for (int r = 0; r <= c; r++) {
                step++;
                Cell cell = config.cell(r, c);
                long area = area(config, r);
                if (!cell.pruned()) {
                    long k = config.growth().get(r);
                    long view = config.viewChannels(cell.index());
                    long slot = cell.depth() * k * area;
                    for (int layer = 1; layer <= cell.depth(); layer++) {
                        long working = (view + (view + (layer - 1) * k) + config.bottleneck() * k) * area;
                        peak = Math.max(peak, live + slot + working);
                    }
                    liveSlot[cell.slot()] = slot;
                    live += slot;
                }
                live -= release(liveSlot, lastUse, step);
            }
            step++;
            long channels = config.exitChannels(c);
            peak = Math.max(peak, live + channels * area(config, c) + channels + config.classes());
            live -= release(liveSlot, lastUse, step);
        }
        return Tally.BYTES_PER_VALUE * peak;
    }

    private static long area(SmartNetConfig config, int row) {
        int level = config.level(row);
        return (long) config.input().height(level) * config.input().width(level);
    }

    /** Frees the slots whose last reader ran at {@code step}; returns the values freed. */
    private static long release(long[] liveSlot, int[] lastUse, int step) {
        long freed = 0;
        for (int slot = 0; slot < liveSlot.length; slot++) {
            if (lastUse[slot] == step) {
                freed += liveSlot[slot];
                liveSlot[slot] = 0;
            }
        }
        return freed;
    }

    /**
     * The step at which each slot is read for the last time. Step 0 is the stem; then every cell and head in schedule
     * order. A slot nobody reads gets the step that makes it.
     */
    private static int[] lastUse(SmartNetConfig config) {
        int[] lastUse = new int[config.slotCount()];
        int step = 0;
        for (int c = 0; c < config.size(); c++) {
            for (int r = 0; r <= c; r++) {
                step++;
                Cell cell = config.cell(r, c);
                lastUse[cell.slot()] = step;
                if (!cell.pruned()) {
                    for (int source : config.view(cell.index())) {
                        lastUse[source] = step;
                    }
                }
            }
            step++;
            int diagonal = Grid.index(c, c);
            for (int source : config.view(diagonal)) {
                lastUse[source] = step;
            }
            lastUse[Grid.slot(diagonal)] = step;
        }
        return lastUse;
    }
}
