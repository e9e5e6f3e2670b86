package io.smartnas.evaluator;

import java.util.List;

/**
 * A model's {@code policy.json}: the thresholds, the goal they were calibrated for, and what they do on the model's
 * validation images (absent from a policy cut from a larger model's).
 */
public record PolicyFile(List<Double> thresholds, String goal, PolicyOutcome validation) {
}
