package io.smartnas.search;

import io.smartnas.space.evaluation.Standing;
import java.time.Instant;

/**
 * Whether a search goes on after a generation: the evaluation budget, the generation count, the deadline and the
 * steady-fitness rule, whichever comes first. Remembers which one stopped it.
 */
final class StopRules {
    private final Budget budget;
    private final Measurer measurer;
    private final Instant deadline;
    private Standing best;
    private int lastImprovement;
    private String stoppedBy = "";

    StopRules(Budget budget, Measurer measurer, Instant deadline, int generation) {
        this.budget = budget;
        this.measurer = measurer;
        this.deadline = deadline;
        this.lastImprovement = generation;
    }

    /** Checked once generation {@code generation} is recorded. */
    boolean proceed(int generation) {
        Standing now = measurer.known().values().stream().max(Standing::compareTo).orElse(null);
        if (now != null && (best == null || now.compareTo(best) > 0)) {
            best = now;
            lastImprovement = generation;
        }
        if (!measurer.budgetLeft()) {
            stoppedBy = "evaluations (" + budget.evaluations() + ")";
        } else if (budget.generations() != null && generation >= budget.generations()) {
            stoppedBy = "generations (" + budget.generations() + ")";
        } else if (deadline != null && Instant.now().isAfter(deadline)) {
            stoppedBy = "time (" + budget.time() + ")";
        } else if (budget.steady() != null && generation - lastImprovement >= budget.steady()) {
            stoppedBy = "steady fitness (no better candidate for " + budget.steady() + " generations)";
        }
        return stoppedBy.isEmpty();
    }

    String stoppedBy() {
        return stoppedBy;
    }
}
