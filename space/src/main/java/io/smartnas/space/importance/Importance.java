package io.smartnas.space.importance;

import java.util.List;

/**
 * How much a trained network uses each of the inputs of its cells and each layer of its Smart Blocks. Every reader of
 * a feature map (the first batch norm and 1x1 convolution of a Smart Block's layer, or an exit's batch norm and linear
 * layer) weighs each input channel by what it passes on: the batch-norm scale times the spread of the normalised
 * channel (a channel that is constant over the data passes on nothing), times the norm of the weights that read it.
 * A value is the mean of that weight over the channels in question, relative to the mean over every input channel of
 * the same reader, averaged over the readers: 1 is an input used as much as the average one, 0 one never used.
 *
 * @param connections every input of every unpruned cell (and of every exit's cell), structural ones included
 * @param layers      every layer of every Smart Block
 */
public record Importance(List<Connection> connections, List<Layer> layers) {
    public Importance {
        connections = List.copyOf(connections);
        layers = List.copyOf(layers);
    }

    /**
     * The input {@code from} (a slot) of the cell of index {@code cell}. A structural one is no Smart Connection of
     * the config (an input the grid implies, or the stem that a view with no other source falls back to): it is no
     * gene, so it is shown, never pruned.
     */
    public record Connection(int cell, int from, boolean structural, double value) {
    }

    /** Layer {@code layer} (from 0) of the Smart Block of the cell of index {@code cell}. */
    public record Layer(int cell, int layer, double value) {
    }
}
