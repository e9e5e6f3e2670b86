package io.smartnas.evaluator;

import io.smartnas.evaluator.net.SmartNetModel;
import io.smartnas.space.evaluation.Evaluation;

/** A trained network and what was measured of it. Closing it frees the network. */
public record TrainedCandidate(SmartNetModel model, Evaluation evaluation) implements AutoCloseable {
    @Override
    public void close() {
        model.close();
    }
}
