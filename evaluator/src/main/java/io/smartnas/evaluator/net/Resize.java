package io.smartnas.evaluator.net;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;

/** Moves a feature map between resolution levels, without parameters: average pooling down, nearest-neighbour up. */
final class Resize {
    private Resize() {
    }

    static NDArray toLevel(NDArray map, int from, int to) {
        if (from < to) {
            int factor = 1 << (to - from);
            Shape window = new Shape(factor, factor);
            return Pool.avgPool2d(map, window, window, new Shape(0, 0), false, true);
        }
        if (from > to) {
            long factor = 1L << (from - to);
            return map.repeat(2, factor).repeat(3, factor);
        }
        return map;
    }
}
