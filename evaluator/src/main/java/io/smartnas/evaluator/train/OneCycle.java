package io.smartnas.evaluator.train;

import ai.djl.training.tracker.Tracker;

import java.time.Duration;

/**
 * The one-cycle learning-rate schedule: a linear warm-up from {@code peak / 25} to {@code peak} over the first 30% of
 * the updates, then a cosine decay to {@code peak / 10^4}. With a time budget, the schedule runs on whichever is
 * further along, the updates or the time: training that runs slower than planned still warms up, peaks and anneals
 * within its budget (budgeted training), and {@link #timeUp()} says when to stop.
 */
final class OneCycle implements Tracker {
    private static final double WARM_UP = 0.3;
    private static final float START_DIVISOR = 25f;
    private static final float FINAL_DIVISOR = 1e4f;

    private final float peak;
    private final int updates;
    /** When the schedule's time began: before now by the time an earlier process already spent on it. */
    private final long started;
    /** The time budget in nanoseconds, or 0 for none. */
    private final long budget;

    OneCycle(float peak, int updates) {
        this(peak, updates, null);
    }

    /** @param budget the most time the updates may take, or null */
    OneCycle(float peak, int updates, Duration budget) {
        this(peak, updates, budget, Duration.ZERO);
    }

    /**
     * A schedule on time alone, {@code spent} of its {@code budget} already behind it (a training resumed from its
     * checkpoint goes on where its schedule was).
     */
    static OneCycle onTime(float peak, Duration budget, Duration spent) {
        return new OneCycle(peak, Integer.MAX_VALUE, budget, spent);
    }

    private OneCycle(float peak, int updates, Duration budget, Duration spent) {
        this.peak = peak;
        this.updates = Math.max(1, updates);
        this.budget = budget == null ? 0 : Math.max(1, budget.toNanos());
        this.started = System.nanoTime() - spent.toNanos();
    }

    /** The time spent on the schedule so far, counting what it started with. */
    Duration spent() {
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** Whether the time budget is spent. */
    boolean timeUp() {
        return budget > 0 && System.nanoTime() - started >= budget;
    }

    @Override
    public float getNewValue(int update) {
        if (budget > 0) {
            double done = Math.max(update / (double) updates, (System.nanoTime() - started) / (double) budget);
            return at(Math.min(1.0, done));
        }
        int warmUp = Math.max(1, (int) (updates * WARM_UP));
        float start = peak / START_DIVISOR;
        if (update < warmUp) {
            return start + (peak - start) * update / warmUp;
        }
        double progress = Math.min(1.0, (update - warmUp) / (double) Math.max(1, updates - warmUp));
        float end = peak / FINAL_DIVISOR;
        return (float) (end + (peak - end) * 0.5 * (1 + Math.cos(Math.PI * progress)));
    }

    /** The rate {@code done} (0 to 1) of the way through the schedule. */
    private float at(double done) {
        float start = peak / START_DIVISOR;
        if (done < WARM_UP) {
            return (float) (start + (peak - start) * done / WARM_UP);
        }
        double progress = (done - WARM_UP) / (1 - WARM_UP);
        float end = peak / FINAL_DIVISOR;
        return (float) (end + (peak - end) * 0.5 * (1 + Math.cos(Math.PI * progress)));
    }
}
