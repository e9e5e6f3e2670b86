package io.smartnas.space.cost;

import java.util.List;

/**
 * The cost of one SmartNet.
 *
 * @param params            trainable parameters of the whole network (all exits)
 * @param buffers           buffer values (batch-norm running statistics) of the whole network
 * @param macs              multiply-accumulates of one image through every column and every head
 * @param blocks            Smart Blocks (cells with depth above 0)
 * @param activationBytes   peak bytes of live feature maps for one image run column by column (see
 *                          {@link ActivationMemory})
 * @param exits             per exit, cumulative
 * @param groups            per exit group; they add up to the totals
 */
public record Cost(long params, long buffers, long macs, int blocks, long activationBytes, List<ExitCost> exits,
                   List<GroupCost> groups) {
    public Cost {
        exits = List.copyOf(exits);
        groups = List.copyOf(groups);
    }

    /** Parameter memory: parameters and buffers, 4 bytes each. */
    public long bytes() {
        return Tally.BYTES_PER_VALUE * (params + buffers);
    }

    /**
     * A lower bound of the memory that training at {@code batch} images a step needs: weights, gradients and Adam's
     * two moments for every parameter, the buffers, and one batch of the peak activation memory. Training keeps more
     * activations than inference's peak, so a device with less memory than this certainly cannot train the network.
     */
    public long trainingBytesAtLeast(int batch) {
        return Tally.BYTES_PER_VALUE * (4 * params + buffers) + (long) batch * activationBytes;
    }

    /** The cost of the last exit, the one that answers every input when no earlier exit does. */
    public ExitCost lastExit() {
        return exits.get(exits.size() - 1);
    }
}
