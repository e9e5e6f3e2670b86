package io.smartnas.search;

import java.time.Duration;

/**
 * When a search stops: whichever limit comes first. Unset limits are null.
 *
 * @param population  candidates per generation
 * @param evaluations most candidates measured (trained, read from the store or rejected by cost), at least 1
 * @param generations most generations
 * @param time        most wall-clock time, checked between generations
 * @param steady      stop when the best candidate has not improved for this many generations
 */
public record Budget(int population, int evaluations, Integer generations, Duration time, Integer steady) {
    public Budget {
        if (population < 2) {
            throw new IllegalArgumentException("population must be at least 2, got " + population);
        }
        if (evaluations < 1) {
            throw new IllegalArgumentException("evaluations must be at least 1, got " + evaluations);
        }
        if (generations != null && generations < 1) {
            throw new IllegalArgumentException("generations must be at least 1, got " + generations);
        }
        if (time != null && (time.isZero() || time.isNegative())) {
            throw new IllegalArgumentException("time must be positive, got " + time);
        }
        if (steady != null && steady < 1) {
            throw new IllegalArgumentException("steady must be at least 1 generation, got " + steady);
        }
    }
}
