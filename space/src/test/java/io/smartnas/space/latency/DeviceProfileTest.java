package io.smartnas.space.latency;

import io.smartnas.space.WorkedExample;
import io.smartnas.space.evaluation.LatencyMode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DeviceProfileTest {
    private static DeviceProfile pricing(Double... prices) {
        return new DeviceProfile("test device", List.of(prices), 10, 0.05, 0.2, Instant.EPOCH, "{}");
    }

    @Test
    void aPredictionIsEachTermTimesItsPrice() {
        DeviceProfile perConv = pricing(0.0, 0.5, 0.0, 0.0, 0.0, 0.0);
        DeviceProfile perRead = pricing(2.0, 0.0, 0.0, 0.0, 0.0, 0.0);
        LatencyPrediction convs = perConv.predict(WorkedExample.config());
        assertEquals(0.5 * LatencyFeatures.throughExit(WorkedExample.config(), 1).convs(), convs.lastExitMs(), 1e-9);
        LatencyPrediction reads = perRead.predict(WorkedExample.config());
        assertEquals(2.0, reads.throughExitMs()[1], 1e-9);
        assertEquals(4.0, reads.leavingAtMs()[1], 1e-9);
    }

    @Test
    void anytimeLatencyWeighsEachExitByTheShareLeavingThere() {
        LatencyPrediction p = new LatencyPrediction(new double[] {1, 3}, new double[] {1.5, 4});
        assertEquals(0.25 * 1.5 + 0.75 * 4, p.anytimeMs(new double[] {0.25, 0.75}), 1e-12);
        assertEquals(3, p.leastFor(LatencyMode.LAST_EXIT));
        assertEquals(1.5, p.leastFor(LatencyMode.ANYTIME));
        assertThrows(IllegalArgumentException.class, () -> p.anytimeMs(new double[] {0.5, 0.6}));
        assertThrows(IllegalArgumentException.class, () -> p.anytimeMs(new double[] {1}));
    }

    @Test
    void aNegativeOrMissingPriceIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> pricing(0.0, -1.0, 0.0, 0.0, 0.0, 0.0));
        assertThrows(IllegalArgumentException.class, () -> pricing(0.0, 1.0));
        assertThrows(IllegalArgumentException.class, () -> pricing(0.0, Double.NaN, 0.0, 0.0, 0.0, 0.0));
    }
}
