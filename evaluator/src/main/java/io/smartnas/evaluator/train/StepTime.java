package io.smartnas.evaluator.train;

/**
 * Where the time of training steps went, summed over steps: the forward pass with the loss (the batch's copy to the
 * device included), the backward pass, and the parameter update with reading the loss back. On a GPU, whose work is
 * queued, a phase is the time the host spent in it, and the wait for the device lands where the host first waits
 * (reading the loss back): the split is exact on a CPU only.
 */
public final class StepTime {
    private long steps;
    private long forwardNanos;
    private long backwardNanos;
    private long updateNanos;

    void add(long forward, long backward, long update) {
        steps++;
        forwardNanos += forward;
        backwardNanos += backward;
        updateNanos += update;
    }

    /** The steps timed. */
    public long steps() {
        return steps;
    }

    /** Milliseconds a step of those since {@code earlier} (a copy taken then) spent in each phase. */
    public double[] msPerStepSince(StepTime earlier) {
        long n = steps - earlier.steps;
        if (n <= 0) {
            return new double[] {Double.NaN, Double.NaN, Double.NaN};
        }
        return new double[] {(forwardNanos - earlier.forwardNanos) / 1e6 / n,
                (backwardNanos - earlier.backwardNanos) / 1e6 / n, (updateNanos - earlier.updateNanos) / 1e6 / n};
    }

    /** A copy of the sums now. */
    public StepTime copy() {
        StepTime copy = new StepTime();
        copy.steps = steps;
        copy.forwardNanos = forwardNanos;
        copy.backwardNanos = backwardNanos;
        copy.updateNanos = updateNanos;
        return copy;
    }
}
