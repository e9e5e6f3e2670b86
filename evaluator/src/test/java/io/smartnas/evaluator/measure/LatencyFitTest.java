package io.smartnas.evaluator.measure;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LatencyFitTest {
    @Test
    void exactTimesGiveBackTheirPricesWithNoError() {
        double[] prices = {0.02, 0.015, 3e-8, 1e-9};
        Random random = new Random(1);
        List<double[]> terms = new ArrayList<>();
        double[] ms = new double[40];
        for (int i = 0; i < ms.length; i++) {
            double[] x = {1 + random.nextInt(4), 5 + random.nextInt(100), random.nextDouble() * 1e8,
                    random.nextDouble() * 1e9};
            terms.add(x);
            for (int j = 0; j < x.length; j++) {
                ms[i] += prices[j] * x[j];
            }
        }
        LatencyFit fit = LatencyFit.of(terms, ms);
        for (int j = 0; j < prices.length; j++) {
            assertEquals(prices[j], fit.coefficients()[j], prices[j] * 1e-6);
        }
        assertEquals(0, fit.worstError(), 1e-9);
    }

    @Test
    void aTermThatWouldComeOutNegativeIsPricedZeroAndTheRestRefitted() {
        // Exactly 0.5 per unit of the first term less 0.02 per unit of the second: least squares would price the
        // second negative.
        List<double[]> terms = new ArrayList<>();
        double[] ms = new double[20];
        for (int i = 0; i < ms.length; i++) {
            terms.add(new double[] {1 + i, 20 - i});
            ms[i] = 0.5 * (1 + i) - 0.02 * (20 - i);
        }
        LatencyFit fit = LatencyFit.of(terms, ms);
        assertEquals(0, fit.coefficients()[1]);
        assertTrue(fit.coefficients()[0] > 0);
        assertTrue(fit.worstError() > 0, "without the negative price the fit is no longer exact");
    }

    @Test
    void fewerPassesThanTermsOrATimeOfZeroIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> LatencyFit.of(List.of(new double[] {1, 2}), new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> LatencyFit.of(
                List.of(new double[] {1}, new double[] {2}, new double[] {3}), new double[] {1, 0, 2}));
    }
}
