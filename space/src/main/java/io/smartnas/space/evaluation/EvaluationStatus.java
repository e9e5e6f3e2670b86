package io.smartnas.space.evaluation;

import java.util.Arrays;

/** How the evaluation of a candidate ended. */
public enum EvaluationStatus {
    /** Trained and measured. */
    OK("ok"),
    /** Could not be trained or measured (out of memory, an engine error); the error says why. */
    FAILED("failed"),
    /** The training loss became NaN or infinite. */
    DIVERGED("diverged"),
    /** The cost model showed it cannot meet a memory target, so it was never trained. */
    REJECTED_BY_COST("rejected-by-cost"),
    /**
     * The run's time was up before it was measured: stopped in flight, or never started. Neither a measurement nor a
     * failure: it is not ranked, not reused, and trained again when the run resumes with more time.
     */
    CUT("cut");

    private final String label;

    EvaluationStatus(String label) {
        this.label = label;
    }

    /** The name users see, in the database and on the command line. */
    public String label() {
        return label;
    }

    /** @throws IllegalArgumentException if no status has this label */
    public static EvaluationStatus ofLabel(String label) {
        return Arrays.stream(values()).filter(s -> s.label.equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown evaluation status: " + label));
    }
}
