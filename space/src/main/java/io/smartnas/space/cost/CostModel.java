package io.smartnas.space.cost;

import io.smartnas.space.Cell;
import io.smartnas.space.InputShape;
import io.smartnas.space.SmartNetConfig;

import java.util.ArrayList;
import java.util.List;

/**
 * Counts a SmartNet by the rules of the specification. Conv weights, batch-norm gamma and beta, linear weights and
 * biases are parameters; batch-norm running statistics are buffers; a convolution costs
 * {@code out_h * out_w * out_channels * in_channels * kh * kw} MACs and a linear layer {@code in * out}; batch norm,
 * ReLU, pooling and resizing cost none.
 */
public final class CostModel {
    private CostModel() {
    }

    /** The cost of {@code config}. */
    public static Cost of(SmartNetConfig config) {
        Tally stem = stem(config);
        Tally[] columns = new Tally[config.size()];
        Tally[] heads = new Tally[config.size()];
        for (int c = 0; c < config.size(); c++) {
            columns[c] = Tally.ZERO;
            for (int r = 0; r <= c; r++) {
                columns[c] = columns[c].plus(block(config, config.cell(r, c)));
            }
            heads[c] = head(config, c);
        }
        List<ExitCost> exits = new ArrayList<>(config.size());
        List<GroupCost> groups = new ArrayList<>(config.size());
        Tally trunk = stem;
        Tally total = stem;
        for (int c = 0; c < config.size(); c++) {
            trunk = trunk.plus(columns[c]);
            Tally exit = trunk.plus(heads[c]);
            exits.add(new ExitCost(c, exit.params(), exit.buffers(), exit.macs()));
            Tally group = columns[c].plus(heads[c]).plus(c == 0 ? stem : Tally.ZERO);
            groups.add(new GroupCost(c, group.params(), group.buffers()));
            total = total.plus(columns[c]).plus(heads[c]);
        }
        return new Cost(total.params(), total.buffers(), total.macs(), config.blocks(),
                ActivationMemory.peakBytes(config), exits, groups);
    }

    /**
     * MACs of anytime inference that leaves at each exit: the stem, columns {@code 0..c} and every head up to
     * {@code c}, since each earlier exit was evaluated on the way and was not confident enough.
     */
    public static long[] anytimeMacs(SmartNetConfig config) {
        Cost cost = of(config);
        long[] macs = new long[config.size()];
        long earlierHeads = 0;
        for (int c = 0; c < macs.length; c++) {
            macs[c] = cost.exits().get(c).macs() + earlierHeads;
            earlierHeads += head(config, c).macs();
        }
        return macs;
    }

    /** Conv 3x3, no bias, input channels to stem channels, at full resolution. */
    static Tally stem(SmartNetConfig config) {
        InputShape in = config.input();
        return Tally.conv(in.channels(), config.stem(), 3, in.height(), in.width());
    }

    /** The Smart Block of {@code cell}: {@code depth} layers of BN, ReLU, Conv1x1, BN, ReLU, Conv3x3. */
    static Tally block(SmartNetConfig config, Cell cell) {
        int level = config.level(cell.row());
        long h = config.input().height(level);
        long w = config.input().width(level);
        long k = config.growth().get(cell.row());
        long bottleneck = config.bottleneck() * k;
        long view = config.viewChannels(cell.index());
        Tally tally = Tally.ZERO;
        for (int layer = 1; layer <= cell.depth(); layer++) {
            long in = view + (layer - 1) * k;
            tally = tally.plus(Tally.batchNorm(in))
                    .plus(Tally.conv(in, bottleneck, 1, h, w))
                    .plus(Tally.batchNorm(bottleneck))
                    .plus(Tally.conv(bottleneck, k, 3, h, w));
        }
        return tally;
    }

    /** Head {@code exit}: BN, ReLU, global average pool and a linear layer over the diagonal cell's dense state. */
    static Tally head(SmartNetConfig config, int exit) {
        long channels = config.exitChannels(exit);
        return Tally.batchNorm(channels).plus(Tally.linear(channels, config.classes()));
    }
}
