package io.smartnas.evaluator.data;

/** Pixels become {@code (p / 255 - mean) / std}; mean and std come from the training split. */
public record Normalization(float mean, float std) {
    float apply(int pixel) {
        return (pixel / 255f - mean) / std;
    }
}
