package io.smartnas.evaluator.net;

import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;

/** The head of one exit: BN, ReLU, global average pool, Linear (with bias) to the classes. */
final class ExitHead {
    private ExitHead() {
    }

    static SequentialBlock of(int classes) {
        return new SequentialBlock()
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock())
                .add(Pool.globalAvgPool2dBlock())
                .add(Linear.builder().setUnits(classes).build());
    }
}
