package io.smartnas.launcher;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smartnas.evaluator.anytime.Calibration;
import io.smartnas.evaluator.anytime.ExitOutcomes;
import io.smartnas.evaluator.anytime.ExitPolicy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/** Calibrating an exit policy for a goal and writing it with what it does on the validation images. */
final class PolicyReport {
    private PolicyReport() {
    }

    /**
     * The cheapest policy within {@code dropPoints} of the last exit's validation accuracy, or, with a MACs budget,
     * the most accurate one within it.
     */
    static ExitPolicy calibrate(ExitOutcomes validation, Double dropPoints, Double maxMacs) {
        if (maxMacs != null) {
            return Calibration.mostAccurate(validation, maxMacs);
        }
        return Calibration.withinPoints(validation,
                dropPoints == null ? Calibration.DEFAULT_ACCURACY_DROP_POINTS : dropPoints);
    }

    static String goal(Double dropPoints, Double maxMacs) {
        return maxMacs != null ? String.format(Locale.ROOT, "highest accuracy with average MACs <= %.0f", maxMacs)
                : String.format(Locale.ROOT,
                        "lowest average MACs within %.2f points of the last exit's accuracy (95%% bound)",
                        dropPoints == null ? Calibration.DEFAULT_ACCURACY_DROP_POINTS : dropPoints);
    }

    /** Writes {@code policy.json}: the thresholds, the goal, and what the policy does on the validation images. */
    static ObjectNode save(Path dir, ExitPolicy policy, ExitOutcomes validation, String goal) throws IOException {
        ObjectNode json = policy.json();
        json.put("goal", goal);
        json.set("validation", outcome(validation, policy));
        ModelDirectory.writePolicy(dir, json);
        return json;
    }

    /** What a policy does on a set of images, against always running to the last exit. */
    static ObjectNode outcome(ExitOutcomes outcomes, ExitPolicy policy) {
        ExitOutcomes.Outcome o = outcomes.under(policy);
        ExitOutcomes.Outcome last = outcomes.under(ExitPolicy.lastExitOnly(outcomes.exits()));
        ObjectNode node = Json.object();
        node.put("images", outcomes.images());
        node.put("accuracy", o.accuracy());
        node.put("last_exit_accuracy", last.accuracy());
        node.put("avg_macs", o.averageMacs());
        node.put("last_exit_macs", last.averageMacs());
        node.put("macs_saved", 1 - o.averageMacs() / last.averageMacs());
        ArrayNode share = node.putArray("exit_share");
        for (double s : o.share()) {
            share.add(s);
        }
        return node;
    }
}
