package io.smartnas.space.latency;

import io.smartnas.space.Genomes;
import io.smartnas.space.SearchSpace;
import io.smartnas.space.SmartNetConfig;
import io.smartnas.space.WorkedExample;
import io.smartnas.space.cost.CostModel;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LatencyFeaturesTest {
    private final SearchSpace colour = new SearchSpace(Genomes.COLOUR);

    @Provide
    Arbitrary<SmartNetConfig> configs() {
        return Genomes.configs(colour);
    }

    /**
     * Exit 0 of the specification's worked example, counted by hand: the stem; cell (0,0) reads the stem alone (no
     * resize, no concatenation) and has two layers, the second reading a concatenation; its slot concatenates the two
     * layers; the head concatenates view and slot, then BN, ReLU, pooling and the linear layer.
     */
    @Test
    void theWorkedExamplesFirstExitIsCountedOperationByOperation() {
        LatencyFeatures f = LatencyFeatures.throughExit(WorkedExample.config(), 0);
        assertEquals(1, f.passes());
        assertEquals(1 + 2 + 2 + 1, f.convs());
        assertEquals(4 + (1 + 4) + 1 + (1 + 3), f.ops());
        assertEquals(9.0 * 16 * 784 + 2 * 9.0 * 48 * 12 * 784, f.macs3x3());
        assertEquals(16.0 * 48 * 784 + 28.0 * 48 * 784 + 40 * 10, f.macs1x1());
        double layers = (2 * 16 + 2 * 48) * 784 + (28 + 2 * 28 + 2 * 48) * 784;
        assertEquals(layers + 24 * 784 + 40 * 784 + 3 * 40 * 784, f.elements());
    }

    @Property
    void aPassToAnExitMultipliesAsManyMacsAsTheCostModelCounts(@ForAll("configs") SmartNetConfig config) {
        var cost = CostModel.of(config);
        long[] anytime = CostModel.anytimeMacs(config);
        for (int c = 0; c < config.size(); c++) {
            LatencyFeatures through = LatencyFeatures.throughExit(config, c);
            assertEquals(cost.exits().get(c).macs(), through.macs1x1() + through.macs3x3(), 0.5);
            LatencyFeatures leaving = LatencyFeatures.leavingAt(config, c);
            assertEquals(anytime[c], leaving.macs1x1() + leaving.macs3x3(), 0.5);
        }
    }

    @Property
    void leavingLaterCostsMoreOfEveryTermAndReadsBackOncePerExit(@ForAll("configs") SmartNetConfig config) {
        for (int c = 0; c < config.size(); c++) {
            double[] through = LatencyFeatures.throughExit(config, c).vector();
            LatencyFeatures leavingHere = LatencyFeatures.leavingAt(config, c);
            assertEquals(c + 1, leavingHere.passes());
            double[] leaving = leavingHere.vector();
            for (int term = 0; term < through.length; term++) {
                assertTrue(leaving[term] >= through[term], LatencyFeatures.NAMES.get(term));
            }
            if (c > 0) {
                double[] earlier = LatencyFeatures.leavingAt(config, c - 1).vector();
                for (int term = 0; term < leaving.length; term++) {
                    assertTrue(leaving[term] >= earlier[term], LatencyFeatures.NAMES.get(term));
                }
            }
        }
    }
}
