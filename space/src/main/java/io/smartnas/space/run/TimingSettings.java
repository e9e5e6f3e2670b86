package io.smartnas.space.run;

/**
 * How latency and throughput are timed: in inference mode, exit by exit.
 *
 * @param warmUp    runs before timing starts
 * @param runs      timed runs at batch size 1 of each exit (interleaved across exits); the latency is their lower
 *                  quartile
 * @param batch     images per run when timing throughput
 * @param batchRuns timed runs at that batch
 */
public record TimingSettings(int warmUp, int runs, int batch, int batchRuns) {
    /** What an evaluation measures by default; the batch is the largest that stays fast on a CPU. */
    public static final TimingSettings DEFAULT = new TimingSettings(5, 30, 64, 3);
    /** The most runs of any kind, and the largest timing batch. */
    public static final int MAX_RUNS = 10_000;
    public static final int MAX_BATCH = 1024;

    /**
     * @throws IllegalArgumentException naming the field out of range
     */
    public TimingSettings {
        inRange("warm_up", warmUp, 0, MAX_RUNS);
        inRange("runs", runs, 1, MAX_RUNS);
        inRange("batch", batch, 1, MAX_BATCH);
        inRange("batch_runs", batchRuns, 1, MAX_RUNS);
    }

    private static void inRange(String field, int value, int least, int most) {
        if (value < least || value > most) {
            throw new IllegalArgumentException(field + " must be " + least + ".." + most + ", got " + value);
        }
    }
}
