package io.smartnas.evaluator;

import io.smartnas.evaluator.data.DataSource;
import io.smartnas.space.run.TimingSettings;
import io.smartnas.space.run.TrainingSettings;

import java.util.Objects;

/**
 * Everything that training and measuring a candidate needs besides the candidate and its fidelity.
 *
 * @param data         the task's images
 * @param training     how candidates are trained
 * @param timing       how latency and throughput are timed
 * @param testAccuracy whether the test images are classified too (for reports; a search optimises validation)
 * @param supernet     the supernet candidates are cut from, or null when they train from scratch
 */
record EvaluationSetup(DataSource data, TrainingSettings training, TimingSettings timing, boolean testAccuracy,
                       SupernetWeights supernet) {
    /** A setup whose candidates train from scratch. */
    EvaluationSetup(DataSource data, TrainingSettings training, TimingSettings timing, boolean testAccuracy) {
        this(data, training, timing, testAccuracy, null);
    }

    public EvaluationSetup {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(training, "training");
        Objects.requireNonNull(timing, "timing");
    }

    /** The same setup, classifying the test images too. */
    EvaluationSetup withTestAccuracy() {
        return new EvaluationSetup(data, training, timing, true, supernet);
    }
}
