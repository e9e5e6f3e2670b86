package io.smartnas.evaluator.net;

import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.ndarray.types.Shape;

/** One layer of a Smart Block: BN, ReLU, Conv1x1 (to bottleneck x growth), BN, ReLU, Conv3x3 (to growth). */
final class DenseLayer {
    private DenseLayer() {
    }

    static SequentialBlock of(int growth, int bottleneck) {
        return new SequentialBlock()
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock())
                .add(Conv2d.builder().setFilters(bottleneck * growth).setKernelShape(new Shape(1, 1)).optBias(false)
                        .build())
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock())
                .add(Conv2d.builder().setFilters(growth).setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1))
                        .optBias(false).build());
    }
}
