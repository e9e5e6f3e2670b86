package io.smartnas.evaluator.net;

import ai.djl.Device;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.smartnas.space.WorkedExample;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

class SmartNetModelTest {
    private static final int ROUNDS = 30;

    /** Every parameter of a freshly created network, in order, as one array. */
    private static float[] weights(long seed) {
        try (SmartNetModel model = SmartNetModel.create(WorkedExample.config(), Device.cpu(), seed)) {
            List<Float> all = new ArrayList<>();
            for (Pair<String, Parameter> p : model.block().getParameters()) {
                for (float v : p.getValue().getArray().toFloatArray()) {
                    all.add(v);
                }
            }
            float[] values = new float[all.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = all.get(i);
            }
            return values;
        }
    }

    @Test
    void networksCreatedAtOnceOnSeveralThreadsGetTheWeightsOfTheirOwnSeed() throws Exception {
        float[] one = weights(1);
        float[] two = weights(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<float[]>> ones = new ArrayList<>();
            List<Future<float[]>> twos = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                ones.add(threads.submit(() -> weights(1)));
                twos.add(threads.submit(() -> weights(2)));
            }
            for (int round = 0; round < ROUNDS; round++) {
                assertArrayEquals(one, ones.get(round).get(), "seed 1, round " + round);
                assertArrayEquals(two, twos.get(round).get(), "seed 2, round " + round);
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
