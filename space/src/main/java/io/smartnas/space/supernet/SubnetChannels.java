package io.smartnas.space.supernet;

import io.smartnas.space.Cell;
import io.smartnas.space.Grid;
import io.smartnas.space.SmartNetConfig;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Where a sub-network's channels sit in its supernet, so that the sub-network runs on (or is cut from) the supernet's
 * own parameters. A sub-network may have fewer exits, shallower Smart Blocks, fewer Smart Connections, a narrower
 * stem, smaller growth rates and another {@code base} (the same weights at another resolution). Its slot of cell
 * {@code i} holds, of each of its layers, the first {@code g} of the {@code G} channels the supernet's layer learns
 * (its convolutions' first output channels); its stem the supernet stem's first channels; and a view concatenates its
 * non-empty sources in slot order, as the supernet's view does, so every map here is increasing. A layer's 1x1
 * convolution reads the channels {@link #layerInput} names, and writes the first {@code bottleneck * g} of its
 * {@code bottleneck * G}; its 3x3 convolution reads those and writes the first {@code g}.
 */
public final class SubnetChannels {
    private final SmartNetConfig supernet;
    private final SmartNetConfig sub;

    private SubnetChannels(SmartNetConfig supernet, SmartNetConfig sub) {
        this.supernet = supernet;
        this.sub = sub;
    }

    /**
     * @throws IllegalArgumentException naming what of {@code sub} the supernet does not hold
     */
    public static SubnetChannels of(SmartNetConfig supernet, SmartNetConfig sub) {
        require(sub.input().equals(supernet.input()) && sub.classes() == supernet.classes(),
                "its input and classes are the supernet's");
        require(sub.bottleneck() == supernet.bottleneck(), "its bottleneck is the supernet's");
        require(sub.size() <= supernet.size(), "it has at most the supernet's " + supernet.size() + " exits");
        require(sub.stem() <= supernet.stem(), "its stem is at most the supernet's " + supernet.stem());
        for (int r = 0; r < sub.size(); r++) {
            require(sub.growth().get(r) <= supernet.growth().get(r), "the growth of row " + r + " is at most "
                    + supernet.growth().get(r));
        }
        SubnetChannels channels = new SubnetChannels(supernet, sub);
        for (Cell cell : sub.cells()) {
            if (cell.col() >= sub.size()) {
                continue;
            }
            Cell big = supernet.cell(cell.row(), cell.col());
            require(cell.depth() <= big.depth(), "cell " + cell.index() + " has at most " + big.depth() + " layers");
            if (cell.pruned() && !cell.diagonal()) {
                continue; // its view is read by nothing; a pruned diagonal cell's view is its exit's input
            }
            for (int slot : sub.view(cell.index())) {
                require(supernet.view(cell.index()).contains(slot), "cell " + cell.index() + " reads slot " + slot
                        + ", which the supernet's cell does not read");
            }
        }
        return channels;
    }

    private static void require(boolean holds, String what) {
        if (!holds) {
            throw new IllegalArgumentException("not a sub-network of the supernet: " + what);
        }
    }

    /** The supernet's channels of the sub-network's {@code slot}, within the supernet's slot. */
    public int[] slot(int slot) {
        if (slot == 0) {
            return IntStream.range(0, sub.stem()).toArray();
        }
        int index = slot - 1;
        int g = sub.growth().get(Grid.row(index));
        int bigG = supernet.growth().get(Grid.row(index));
        int layers = sub.cells().get(index).depth();
        return IntStream.range(0, layers).flatMap(l -> IntStream.range(l * bigG, l * bigG + g)).toArray();
    }

    /** The supernet's channels, within the supernet's view of cell {@code index}, of the sub-network's view of it. */
    public int[] view(int index) {
        return sub.view(index).stream().flatMapToInt(slot -> Arrays.stream(slot(slot))
                .map(c -> supernet.viewOffset(index, slot) + c)).toArray();
    }

    /**
     * The input channels of layer {@code layer} (1-based) of cell {@code index}'s Smart Block, within the supernet's
     * input of that layer: the view, then the first {@code g} channels of each earlier layer's output.
     */
    public int[] layerInput(int index, int layer) {
        int g = sub.growth().get(Grid.row(index));
        int bigG = supernet.growth().get(Grid.row(index));
        int bigView = supernet.viewChannels(index);
        return IntStream.concat(Arrays.stream(view(index)), IntStream.range(0, layer - 1)
                .flatMap(m -> IntStream.range(bigView + m * bigG, bigView + m * bigG + g))).toArray();
    }

    /** The input channels of exit {@code exit}'s head, within the supernet's: its diagonal cell's view and slot. */
    public int[] exit(int exit) {
        int index = Grid.index(exit, exit);
        int bigView = supernet.viewChannels(index);
        return IntStream.concat(Arrays.stream(view(index)), Arrays.stream(slot(Grid.slot(index)))
                .map(c -> bigView + c)).toArray();
    }
}
