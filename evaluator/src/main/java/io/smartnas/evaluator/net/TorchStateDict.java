package io.smartnas.evaluator.net;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A SmartNet's parameters under the names of a PyTorch {@code state_dict} of {@code bench/pytorch_smartnet.py}'s
 * module tree, so that PyTorch loads them as they are: {@code stem.weight}, {@code blocks.I.layers.L.P.weight} (a
 * dense layer's sequence: 0 batch norm, 2 the 1x1 convolution, 3 batch norm, 5 the 3x3 one), {@code heads.C.P.*}
 * (0 batch norm, 3 the linear layer). A batch norm's gamma, beta and running statistics are PyTorch's
 * {@code weight}, {@code bias}, {@code running_mean} and {@code running_var}.
 */
public final class TorchStateDict {
    private static final Map<String, String> NAMES = Map.of("gamma", "weight", "beta", "bias",
            "runningMean", "running_mean", "runningVar", "running_var", "weight", "weight", "bias", "bias");

    private TorchStateDict() {
    }

    /** Every parameter of {@code net}, named as PyTorch names it, in module order. */
    public static Map<String, NDArray> of(SmartNetBlock net) {
        Map<String, NDArray> tensors = new LinkedHashMap<>();
        net.torchModules().forEach((name, module) -> add(name, module, tensors));
        return tensors;
    }

    private static void add(String prefix, Block block, Map<String, NDArray> tensors) {
        for (Pair<String, Parameter> parameter : block.getDirectParameters()) {
            String name = NAMES.get(parameter.getKey());
            if (name == null) {
                throw new IllegalStateException("no PyTorch name for parameter " + parameter.getKey() + " of "
                        + prefix);
            }
            tensors.put(prefix + "." + name, parameter.getValue().getArray());
        }
        int position = 0;
        for (Pair<String, Block> child : block.getChildren()) {
            String name = block instanceof SmartBlock ? "layers." + position : String.valueOf(position);
            add(prefix + "." + name, child.getValue(), tensors);
            position++;
        }
    }
}
