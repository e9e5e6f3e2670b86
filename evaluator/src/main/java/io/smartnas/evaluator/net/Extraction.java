package io.smartnas.evaluator.net;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import io.smartnas.space.Cell;
import io.smartnas.space.supernet.SubnetChannels;

import java.util.List;
import java.util.stream.IntStream;

import static io.smartnas.evaluator.net.Parameters.child;
import static io.smartnas.evaluator.net.Parameters.set;
import static io.smartnas.evaluator.net.Parameters.values;

/**
 * Cuts a sub-network out of a trained supernet: every parameter of the sub-network is the supernet's at the channels
 * {@link SubnetChannels} names. A layer's 1x1 convolution keeps its first {@code bottleneck * g} outputs and the inputs
 * its view and earlier layers hold; its 3x3 convolution its first {@code g} outputs; the stem its first channels; an
 * exit's head the inputs of its diagonal cell's view and slot, and every class.
 */
public final class Extraction {
    private static final List<String> BATCH_NORM = List.of("gamma", "beta", "runningMean", "runningVar");

    private Extraction() {
    }

    /**
     * @param supernet the trained supernet
     * @param channels where the sub-network's channels sit in it
     * @param into     an initialized network of the sub-network's config, overwritten
     */
    public static void transplant(SmartNetBlock supernet, SubnetChannels channels, SmartNetBlock into) {
        int[] allInputs = IntStream.range(0, into.config().input().channels()).toArray();
        weight(supernet.stem(), into.stem(), channels.slot(0), allInputs);
        for (Cell cell : into.config().cells()) {
            int index = cell.index();
            SmartBlock target = into.cell(index);
            int growth = into.config().growth().get(cell.row());
            int[] bottleneck = IntStream.range(0, into.config().bottleneck() * growth).toArray();
            int[] own = IntStream.range(0, growth).toArray();
            for (int m = 0; target != null && m < target.layers().size(); m++) {
                Block from = supernet.cell(index).layers().get(m);
                Block to = target.layers().get(m);
                int[] inputs = channels.layerInput(index, m + 1);
                norm(child(from, 0), child(to, 0), inputs);
                weight(child(from, 2), child(to, 2), bottleneck, inputs);
                norm(child(from, 3), child(to, 3), bottleneck);
                weight(child(from, 5), child(to, 5), own, bottleneck);
            }
            if (cell.diagonal()) {
                Block from = supernet.head(cell.col());
                Block to = into.head(cell.col());
                int[] inputs = channels.exit(cell.col());
                norm(child(from, 0), child(to, 0), inputs);
                int[] classes = IntStream.range(0, into.config().classes()).toArray();
                weight(child(from, 3), child(to, 3), classes, inputs);
                set(child(to, 3), "bias", values(child(from, 3), "bias"));
            }
        }
    }

    /** A batch norm's parameters and statistics at {@code channels}. */
    private static void norm(Block from, Block to, int[] channels) {
        for (String name : BATCH_NORM) {
            float[] source = values(from, name);
            float[] target = new float[channels.length];
            for (int c = 0; c < channels.length; c++) {
                target[c] = source[channels[c]];
            }
            set(to, name, target);
        }
    }

    /** A convolution's or linear layer's weight at output channels {@code outputs} and input channels {@code inputs}. */
    private static void weight(Block from, Block to, int[] outputs, int[] inputs) {
        NDArray source = from.getParameters().get("weight").getArray();
        int sourceInputs = (int) source.getShape().get(1);
        int inner = (int) (source.getShape().size() / source.getShape().get(0) / sourceInputs);
        float[] values = source.toFloatArray();
        float[] target = new float[outputs.length * inputs.length * inner];
        for (int o = 0; o < outputs.length; o++) {
            for (int c = 0; c < inputs.length; c++) {
                System.arraycopy(values, (outputs[o] * sourceInputs + inputs[c]) * inner, target,
                        (o * inputs.length + c) * inner, inner);
            }
        }
        set(to, "weight", target);
    }
}
