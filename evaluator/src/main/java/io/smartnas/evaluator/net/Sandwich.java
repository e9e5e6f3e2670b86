package io.smartnas.evaluator.net;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.loss.SoftmaxCrossEntropyLoss;
import io.smartnas.space.SmartNetConfig;

import java.util.ArrayList;
import java.util.List;

/**
 * One training step of a supernet by the sandwich rule (Yu et al., BigNAS; Cai et al., Once-for-All): the largest
 * network learns from the labels, then each sub-network of the step (the smallest and a few drawn at random) learns
 * from the largest's answers at the same exits (in-place distillation: the cross-entropy against the largest's
 * softmax, which is not trained through). The gradients of all of them add up on the supernet's shared parameters,
 * and the optimizer steps once.
 */
public final class Sandwich {
    private static final SoftmaxCrossEntropyLoss LABELS = Loss.softmaxCrossEntropyLoss();
    private static final SoftmaxCrossEntropyLoss SOFT = new SoftmaxCrossEntropyLoss("distillation", 1, -1, false,
            true);

    private final SmartNetBlock supernet;

    public Sandwich(SmartNetBlock supernet) {
        this.supernet = supernet;
    }

    /**
     * Trains the supernet one step on {@code images} with {@code labels}: the largest network, then {@code subs}.
     *
     * @return the loss of the largest network, then of each sub-network, in order
     */
    public List<Float> step(Trainer trainer, ParameterStore store, NDArray images, NDArray labels,
                            List<SmartNetConfig> subs) {
        List<Float> losses = new ArrayList<>();
        try (GradientCollector collector = trainer.newGradientCollector()) {
            NDList largest = supernet.forward(store, images, true, supernet.config().size(), 0);
            NDArray loss = sum(largest, i -> LABELS.evaluate(new NDList(labels), new NDList(largest.get(i))));
            collector.backward(loss);
            losses.add(loss.getFloat());
            List<NDArray> teacher = new ArrayList<>();
            for (NDArray exit : largest) {
                teacher.add(exit.stopGradient().softmax(1));
            }
            for (SmartNetConfig sub : subs) {
                NDList logits = new SubnetForward(supernet, sub).forward(store, images, true);
                NDArray distilled = sum(logits, i -> SOFT.evaluate(new NDList(teacher.get(i)),
                        new NDList(logits.get(i))));
                collector.backward(distilled);
                losses.add(distilled.getFloat());
            }
        }
        trainer.step();
        return losses;
    }

    private static NDArray sum(NDList exits, java.util.function.IntFunction<NDArray> loss) {
        NDArray total = null;
        for (int i = 0; i < exits.size(); i++) {
            NDArray l = loss.apply(i);
            total = total == null ? l : total.add(l);
        }
        return total;
    }
}
