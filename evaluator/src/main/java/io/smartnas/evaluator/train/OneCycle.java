package io.smartnas.evaluator.train;

import ai.djl.training.tracker.Tracker;

/**
 * The one-cycle learning-rate schedule: a linear warm-up from {@code peak / 25} to {@code peak} over the first 30% of
 * the updates, then a cosine decay to {@code peak / 10^4}.
 */
final class OneCycle implements Tracker {
    private static final double WARM_UP = 0.3;
    private static final float START_DIVISOR = 25f;
    private static final float FINAL_DIVISOR = 1e4f;

    private final float peak;
    private final int updates;

    OneCycle(float peak, int updates) {
        this.peak = peak;
        this.updates = Math.max(1, updates);
    }

    @Override
    public float getNewValue(int update) {
        int warmUp = Math.max(1, (int) (updates * WARM_UP));
        float start = peak / START_DIVISOR;
        if (update < warmUp) {
            return start + (peak - start) * update / warmUp;
        }
        double progress = Math.min(1.0, (update - warmUp) / (double) Math.max(1, updates - warmUp));
        float end = peak / FINAL_DIVISOR;
        return (float) (end + (peak - end) * 0.5 * (1 + Math.cos(Math.PI * progress)));
    }
}
