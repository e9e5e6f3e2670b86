package io.smartnas.evaluator.train;

import io.smartnas.space.run.TrainingSettings;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;
import ai.djl.training.loss.SoftmaxCrossEntropyLoss;

/** The training loss of a pass: the weighted sum of the cross-entropies of the exits that train. */
final class ExitLoss {
    private static final SoftmaxCrossEntropyLoss CROSS_ENTROPY = Loss.softmaxCrossEntropyLoss();

    private ExitLoss() {
    }

    /**
     * @param logits    one array per computed exit
     * @param labels    class indices
     * @param firstExit the first exit whose loss counts (the exit being trained, in exit-by-exit training)
     */
    static NDArray of(NDList logits, NDArray labels, int firstExit, TrainingSettings settings) {
        NDArray total = null;
        for (int exit = firstExit; exit < logits.size(); exit++) {
            NDArray loss = CROSS_ENTROPY.evaluate(new NDList(labels), new NDList(logits.get(exit)))
                    .mul((float) settings.exitWeight(exit));
            total = total == null ? loss : total.add(loss);
        }
        return total;
    }
}
