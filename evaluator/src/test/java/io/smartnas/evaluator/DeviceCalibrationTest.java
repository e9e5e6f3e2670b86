package io.smartnas.evaluator;

import io.smartnas.space.SearchSpace;
import io.smartnas.space.SmartNetConfig;
import io.smartnas.space.SpaceBounds;
import io.smartnas.space.latency.DeviceProfile;
import io.smartnas.space.latency.LatencyFeatures;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeviceCalibrationTest {
    @Test
    void theCalibrationSetIsFixedAndCoversEverySize() {
        List<SmartNetConfig> networks = DeviceCalibration.networks();
        assertEquals(networks, DeviceCalibration.networks());
        assertEquals(DeviceCalibration.NETWORKS, networks.size());
        for (int size = 1; size <= 4; size++) {
            int exits = size;
            assertTrue(networks.stream().anyMatch(n -> n.size() == exits), "a network with " + size + " exits");
        }
    }

    @Test
    void aProfileIsFittedToEveryTimedPassOfTheDevice() {
        SearchSpace space = new SearchSpace(SpaceBounds.fashionMnist(2, 2));
        Random random = new Random(3);
        List<SmartNetConfig> networks = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            networks.add(space.decode(space.random(random)).canonical());
        }
        List<Integer> done = new ArrayList<>();
        DeviceProfile profile = DeviceCalibration.run(DeviceSpec.CPU, networks, done::add);
        assertEquals(DeviceSpec.CPU.profileName(), profile.device());
        assertTrue(profile.device().startsWith("cpu ") && profile.device().endsWith(", 1 thread an image"), profile.device());
        assertEquals(networks.stream().mapToInt(n -> n.size() + 1).sum(), profile.points());
        assertEquals(DeviceCalibration.ROUNDS * networks.size(), done.get(done.size() - 1));
        assertEquals(LatencyFeatures.NAMES.size(), profile.coefficients().size());
        assertNotEquals(0.0, profile.coefficients().stream().mapToDouble(Double::doubleValue).sum());
        assertTrue(profile.predict(networks.get(0)).lastExitMs() > 0);
    }
}
