package io.smartnas.space.latency;

import io.smartnas.space.Cell;
import io.smartnas.space.SmartNetConfig;

import java.util.List;

/**
 * What one forward pass of one image costs, counted the way the evaluator computes it (column by column, a Smart
 * Block layer by layer), in the five terms a device's latency is modelled on:
 *
 * @param passes   results read back to the host: 1 for a pass to one exit; 1 per exit evaluated in anytime inference
 * @param convs    convolutions and linear layers launched: the engine's fixed cost per such operation
 * @param ops      other tensor operations launched (batch norm, ReLU, pooling, resize, concatenation, and the softmax
 *                 and maximum of an anytime exit): the engine's fixed cost per operation
 * @param macs1x1  multiply-accumulates of 1x1 convolutions and linear layers (matrix products)
 * @param macs3x3  multiply-accumulates of 3x3 convolutions, the stem's included
 * @param elements values written by the memory-bound operations (batch norm, ReLU, pooling, resizing, concatenation)
 */
public record LatencyFeatures(double passes, double convs, double ops, double macs1x1, double macs3x3,
                              double elements) {
    /** The names of the terms, in {@link #vector()} order. */
    public static final List<String> NAMES = List.of("passes", "convs", "ops", "macs_1x1", "macs_3x3", "elements");

    /** The terms as a vector, in {@link #NAMES} order. */
    public double[] vector() {
        return new double[] {passes, convs, ops, macs1x1, macs3x3, elements};
    }

    /** A pass through exit {@code exit} alone: the stem, columns {@code 0..exit} and head {@code exit}. */
    public static LatencyFeatures throughExit(SmartNetConfig config, int exit) {
        Count count = new Count(config);
        count.stem();
        for (int c = 0; c <= exit; c++) {
            count.column(c, c == exit);
        }
        count.passes++;
        return count.features();
    }

    /**
     * Anytime inference that leaves at exit {@code exit}: the stem, columns {@code 0..exit} and every head up to
     * {@code exit}, each of them followed by its softmax, its top probability and reading that back.
     */
    public static LatencyFeatures leavingAt(SmartNetConfig config, int exit) {
        Count count = new Count(config);
        count.stem();
        for (int c = 0; c <= exit; c++) {
            count.column(c, true);
            count.ops += 2;
            count.passes++;
        }
        return count.features();
    }

    /** A running count over the operations of a pass. */
    private static final class Count {
        private final SmartNetConfig config;
        private double passes;
        private double convs;
        private double ops;
        private double macs1x1;
        private double macs3x3;
        private double elements;

        Count(SmartNetConfig config) {
            this.config = config;
        }

        LatencyFeatures features() {
            return new LatencyFeatures(passes, convs, ops, macs1x1, macs3x3, elements);
        }

        /** The stem's convolution at full resolution, then its pooling to the base level when that is above 0. */
        void stem() {
            var in = config.input();
            convs++;
            macs3x3 += 9.0 * in.channels() * config.stem() * in.height() * in.width();
            if (config.base() > 0) {
                ops++;
                elements += (double) config.stem() * in.height() * in.width();
            }
        }

        /** The cells of column {@code c} that run, and its head when {@code head}. */
        void column(int c, boolean head) {
            for (int r = 0; r <= c; r++) {
                Cell cell = config.cell(r, c);
                boolean exitHere = cell.diagonal() && head;
                if (cell.pruned() && !exitHere) {
                    continue;
                }
                double area = area(r);
                view(cell, area);
                if (!cell.pruned()) {
                    block(cell, area);
                }
                if (exitHere) {
                    head(cell, area);
                }
            }
        }

        /** Resizing every source to the cell's level, then concatenating them when there are several. */
        private void view(Cell cell, double area) {
            int level = config.level(cell.row());
            List<Integer> sources = config.view(cell.index());
            for (int source : sources) {
                if (config.slotLevel(source) != level) {
                    ops++;
                    elements += config.slotChannels(source) * area;
                }
            }
            if (sources.size() > 1) {
                ops++;
                elements += config.viewChannels(cell.index()) * area;
            }
        }

        /** Each layer: concatenation of what it reads, BN, ReLU, Conv1x1, BN, ReLU, Conv3x3; then the slot's. */
        private void block(Cell cell, double area) {
            double k = config.growth().get(cell.row());
            double bottleneck = config.bottleneck() * k;
            double view = config.viewChannels(cell.index());
            for (int layer = 1; layer <= cell.depth(); layer++) {
                double in = view + (layer - 1) * k;
                if (layer > 1) {
                    ops++;
                    elements += in * area;
                }
                convs += 2;
                ops += 4;
                elements += 2 * in * area + 2 * bottleneck * area;
                macs1x1 += in * bottleneck * area;
                macs3x3 += 9 * bottleneck * k * area;
            }
            if (cell.depth() > 1) {
                ops++;
                elements += cell.depth() * k * area;
            }
        }

        /** Concatenation of the view and the slot, BN, ReLU, global average pooling, linear. */
        private void head(Cell cell, double area) {
            double channels = config.exitChannels(cell.col());
            if (!cell.pruned()) {
                ops++;
                elements += channels * area;
            }
            convs++;
            ops += 3;
            elements += 3 * channels * area;
            macs1x1 += channels * config.classes();
        }

        private double area(int row) {
            int level = config.level(row);
            return (double) config.input().height(level) * config.input().width(level);
        }
    }
}
