package io.smartnas.evaluator;

import io.smartnas.evaluator.anytime.Calibration;
import io.smartnas.evaluator.anytime.ExitOutcomes;
import io.smartnas.space.InvalidInputException;

import java.util.Locale;

/**
 * What an exit policy is calibrated for: the lowest average MACs within {@code dropPoints} of the last exit's accuracy
 * (a 95% bound), or, with a MACs budget, the highest accuracy within it. Both null: the default goal.
 *
 * @param dropPoints points of the last exit's accuracy that may be lost, 0..100, or null
 * @param maxMacs    most MACs per image on average, or null
 */
public record CalibrationGoal(Double dropPoints, Double maxMacs) {
    /** The goal of a freshly trained model: {@link Calibration#DEFAULT_ACCURACY_DROP_POINTS}. */
    public static final CalibrationGoal DEFAULT = new CalibrationGoal(null, null);

    /** @throws InvalidInputException if a bound is out of range, or both are set */
    public CalibrationGoal {
        if (dropPoints != null && !(dropPoints >= 0 && dropPoints <= 100)) {
            throw new InvalidInputException("--accuracy-drop must be 0..100 points, got " + dropPoints);
        }
        if (maxMacs != null && !(maxMacs > 0 && Double.isFinite(maxMacs))) {
            throw new InvalidInputException("--max-macs must be a positive number, got " + maxMacs);
        }
        if (dropPoints != null && maxMacs != null) {
            throw new InvalidInputException("a policy is calibrated for an accuracy drop or a MACs budget, not both");
        }
    }

    ExitPolicy policy(ExitOutcomes validation) {
        return maxMacs != null ? Calibration.mostAccurate(validation, maxMacs)
                : Calibration.withinPoints(validation, points());
    }

    /** The goal in words, as policy files record it. */
    String text() {
        return maxMacs != null ? String.format(Locale.ROOT, "highest accuracy with average MACs <= %.0f", maxMacs)
                : String.format(Locale.ROOT,
                "lowest average MACs within %.2f points of the last exit's accuracy (95%% bound)", points());
    }

    private double points() {
        return dropPoints == null ? Calibration.DEFAULT_ACCURACY_DROP_POINTS : dropPoints;
    }
}
