package io.smartnas.evaluator;

import io.smartnas.evaluator.anytime.ExitOutcomes;

import java.util.Arrays;
import java.util.List;

/**
 * What an exit policy does on a set of images, against always running to the last exit.
 *
 * @param images           images classified
 * @param accuracy         accuracy under the policy
 * @param lastExitAccuracy accuracy of the last exit alone
 * @param avgMacs          average MACs per image under the policy
 * @param lastExitMacs     MACs per image of the last exit
 * @param macsSaved        the share of the last exit's MACs the policy saves
 * @param exitShare        the share of images that leave at each exit
 */
public record PolicyOutcome(int images, double accuracy, double lastExitAccuracy, double avgMacs, double lastExitMacs,
                            double macsSaved, List<Double> exitShare) {
    static PolicyOutcome of(ExitOutcomes outcomes, ExitPolicy policy) {
        ExitOutcomes.Outcome o = outcomes.under(policy);
        ExitOutcomes.Outcome last = outcomes.under(ExitPolicy.lastExitOnly(outcomes.exits()));
        return new PolicyOutcome(outcomes.images(), o.accuracy(), last.accuracy(), o.averageMacs(),
                last.averageMacs(), 1 - o.averageMacs() / last.averageMacs(),
                Arrays.stream(o.share()).boxed().toList());
    }
}
