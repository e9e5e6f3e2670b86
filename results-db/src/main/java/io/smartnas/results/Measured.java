package io.smartnas.results;

import io.smartnas.space.evaluation.Evaluation;
import io.smartnas.space.evaluation.EvaluationStatus;
import io.smartnas.space.evaluation.LatencyMode;
import io.smartnas.space.evaluation.Standing;
import io.smartnas.space.evaluation.Targets;

/**
 * A candidate as a run measured it, with the figures targets are set on: validation accuracy and latency at the last
 * exit, the expected latency of anytime inference, parameters and parameter bytes of the whole network, and the rung of
 * the fidelity ladder they were measured on, and that rung's fidelity ({@code seconds} 0 unless of equal time). Figures
 * that were not measured are NaN.
 *
 * @param latencyMode which latency the targets of the query judge (see {@link #objectiveLatencyMs()})
 * @param violation   how far it misses the targets of the query (0: feasible), as {@link Standing#of} judges it
 */
public record Measured(long evaluationId, long runId, String configId, EvaluationStatus status, int epochs,
                       int subset, int seconds, int rung, double accuracy, double testAccuracy, double latencyMs,
                       double anytimeLatencyMs, long params, long bytes, long macs, int size, LatencyMode latencyMode,
                       double violation) {
    /** How a stored evaluation of a stored candidate, measured on {@code rung}, looks to queries under {@code targets}. */
    public static Measured of(long evaluationId, long runId, Evaluation evaluation, int rung,
                              CandidateRecord candidate, Targets targets) {
        boolean measured = evaluation.ok();
        return new Measured(evaluationId, runId, evaluation.configId(), evaluation.status(),
                evaluation.fidelity().epochs(), evaluation.fidelity().subset(), evaluation.fidelity().seconds(), rung,
                measured ? evaluation.lastExit().validationAccuracy() : Double.NaN,
                measured ? evaluation.lastExit().testAccuracy() : Double.NaN,
                measured ? evaluation.lastExit().latencyMs() : Double.NaN, evaluation.anytimeLatencyMs(),
                candidate.params(), candidate.bytes(), candidate.macs(), candidate.size(), targets.latencyMode(), 0)
                .under(targets);
    }

    /**
     * Of two measurements of one candidate, the one queries read: a later one on a higher rung that ended ok (a
     * promotion that failed leaves the candidate where it stood), else the first ({@code this}).
     */
    public Measured higher(Measured later) {
        return later.rung > rung && later.status == EvaluationStatus.OK ? later : this;
    }

    /** The latency the query's targets are on: the last exit's or the anytime one. */
    public double objectiveLatencyMs() {
        return latencyMode == LatencyMode.ANYTIME ? anytimeLatencyMs : latencyMs;
    }

    public boolean feasible() {
        return status == EvaluationStatus.OK && violation == 0;
    }

    /** The same measurement judged against other targets. */
    public Measured under(Targets targets) {
        double v = Standing.of(targets, status, params, bytes, targets.latency(latencyMs, anytimeLatencyMs), accuracy,
                rung).violation();
        return new Measured(evaluationId, runId, configId, status, epochs, subset, seconds, rung, accuracy, testAccuracy,
                latencyMs, anytimeLatencyMs, params, bytes, macs, size, targets.latencyMode(), v);
    }

    /** Where it stands against the targets it was judged under: what ranks it, in queries and in the search. */
    public Standing standing() {
        return new Standing(violation, accuracy, objectiveLatencyMs(), bytes, rung);
    }

    /** The value of a figure, for ranking and display. */
    public double figure(Figure figure) {
        return switch (figure) {
            case ACCURACY -> accuracy;
            case LATENCY_MS -> latencyMs;
            case ANYTIME_LATENCY_MS -> anytimeLatencyMs;
            case PARAMS -> params;
            case BYTES -> bytes;
            case MACS -> macs;
        };
    }
}
