package io.smartnas.evaluator.net;

import ai.djl.nn.Block;

/** Reading and writing the parameters of a network's blocks by position and name, for code that moves them. */
final class Parameters {
    private Parameters() {
    }

    /** The {@code index}-th child of {@code block}, in the order it was added. */
    static Block child(Block block, int index) {
        return block.getChildren().get(index).getValue();
    }

    /** The values of parameter {@code parameter} of {@code block}, copied out. */
    static float[] values(Block block, String parameter) {
        return block.getParameters().get(parameter).getArray().toFloatArray();
    }

    /** Sets parameter {@code parameter} of {@code block} to {@code values}, in place. */
    static void set(Block block, String parameter, float[] values) {
        block.getParameters().get(parameter).getArray().set(values);
    }
}
