package io.smartnas.evaluator;

import io.smartnas.evaluator.anytime.ExitOutcomes;
import io.smartnas.evaluator.net.SmartNetModel;
import io.smartnas.space.evaluation.Evaluation;

/**
 * A trained network and what was measured of it: the evaluation, the outcomes of every exit on the validation images,
 * the exit policy calibrated on them, and the outcomes on the test images where they were measured (null otherwise).
 * Closing it frees the network.
 */
record TrainedCandidate(SmartNetModel model, Evaluation evaluation, ExitOutcomes validation, ExitPolicy policy,
                        ExitOutcomes test)
        implements AutoCloseable {
    @Override
    public void close() {
        model.close();
    }
}
