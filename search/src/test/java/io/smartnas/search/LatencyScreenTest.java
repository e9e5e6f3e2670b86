package io.smartnas.search;

import io.smartnas.results.MemoryResultStore;
import io.smartnas.results.Measured;
import io.smartnas.results.ResultStore;
import io.smartnas.results.StoredProfile;
import io.smartnas.space.InvalidInputException;
import io.smartnas.space.SmartNetConfig;
import io.smartnas.space.evaluation.EvaluationStatus;
import io.smartnas.space.evaluation.Targets;
import io.smartnas.space.latency.DeviceProfile;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LatencyScreenTest {
    /** A device where a pass costs 0.1 ms per convolution launched and nothing else. */
    private static final DeviceProfile PER_CONV = new DeviceProfile("test cpu, 2 threads",
            List.of(0.0, 0.1, 0.0, 0.0, 0.0, 0.0), 50, 0.05, 0.2, Instant.EPOCH, "{}");
    private static final double TARGET_MS = 2.0;

    @Test
    void noCandidatePredictedAboveTheLatencyTargetIsTrainedAndEveryPredictionIsStored() {
        Targets latency = new Targets(null, null, TARGET_MS, null);
        SyntheticEvaluator evaluator = new SyntheticEvaluator() {
            @Override
            void before(SmartNetConfig config) {
                assertTrue(PER_CONV.predict(config).lastExitMs() <= TARGET_MS, "trained a candidate predicted above "
                        + "the target");
            }
        };
        try (ResultStore store = new MemoryResultStore()) {
            StoredProfile profile = new StoredProfile(store.addDeviceProfile(PER_CONV), PER_CONV);
            SearchResult result = new Search(store, evaluator, TestSettings.of(Strategy.GENETIC, 1, 10, 40, latency),
                    SearchProgress.NONE).predictingLatency(profile).start("latency", "{}", "{}");
            List<Measured> measured = store.measured(result.runId(), latency);
            List<Measured> rejected = measured.stream()
                    .filter(m -> m.status() == EvaluationStatus.REJECTED_BY_COST).toList();
            assertFalse(rejected.isEmpty(), "the space has networks predicted above the target, and some were proposed");
            assertFalse(evaluator.trained.isEmpty());
            for (Measured m : measured) {
                var stored = store.predictions(m.configId());
                assertEquals(1, stored.size(), "one prediction per candidate, under the run's profile");
                assertEquals(profile.id(), stored.get(0).profileId());
                double predicted = stored.get(0).prediction().lastExitMs();
                assertEquals(m.status() == EvaluationStatus.REJECTED_BY_COST, predicted > TARGET_MS, m.configId());
            }
            store.evaluations(result.runId()).stream()
                    .filter(e -> e.evaluation().status() == EvaluationStatus.REJECTED_BY_COST)
                    .forEach(e -> assertTrue(e.evaluation().error().startsWith("predicted latency"),
                            e.evaluation().error()));
        }
    }

    @Test
    void aLatencyTargetEvenTheSmallestNetworkIsPredictedToMissIsBadInput() {
        Targets impossible = new Targets(null, null, 0.15, null);
        try (ResultStore store = new MemoryResultStore()) {
            StoredProfile profile = new StoredProfile(store.addDeviceProfile(PER_CONV), PER_CONV);
            Search search = new Search(store, new SyntheticEvaluator(), TestSettings.of(Strategy.RANDOM, 1, 4, 8,
                    impossible), SearchProgress.NONE).predictingLatency(profile);
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> search.start("x", "{}", "{}"));
            assertTrue(e.getMessage().contains("latency target"), e.getMessage());
            assertTrue(store.runs().isEmpty(), "nothing is recorded for bad input");
        }
    }
}
