package io.smartnas.evaluator.net;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.smartnas.evaluator.TorchRuntime;
import io.smartnas.space.Genomes;
import io.smartnas.space.SearchSpace;
import io.smartnas.space.SmartNetConfig;
import io.smartnas.space.WorkedExample;
import io.smartnas.space.cost.Cost;
import io.smartnas.space.cost.CostModel;
import io.smartnas.space.cost.GroupCost;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class SmartNetBlockTest {
    private final SearchSpace colour = new SearchSpace(Genomes.COLOUR);

    @Provide
    Arbitrary<SmartNetConfig> configs() {
        return Genomes.configs(colour);
    }

    @Property(tries = 60)
    void parametersAndBuffersEqualTheCostModelPerExitGroup(@ForAll("configs") SmartNetConfig config) {
        TorchRuntime.engine();
        try (NDManager manager = NDManager.newBaseManager()) {
            SmartNetBlock block = new SmartNetBlock(config);
            block.initialize(manager, DataType.FLOAT32, batchShape(config, 2));
            Cost cost = CostModel.of(config);
            for (GroupCost group : cost.groups()) {
                long[] counts = count(block, group.group());
                assertEquals(group.params(), counts[0], "parameters of group " + group.group());
                assertEquals(group.buffers(), counts[1], "buffers of group " + group.group());
            }
            assertEquals(cost.params(), block.getParameters().values().stream()
                    .filter(Parameter::requiresGradient).mapToLong(p -> p.getArray().size()).sum());
        }
    }

    @Test
    void theWorkedExampleHasOneOutputPerExit() {
        TorchRuntime.engine();
        SmartNetConfig config = WorkedExample.config();
        try (NDManager manager = NDManager.newBaseManager()) {
            SmartNetBlock block = new SmartNetBlock(config);
            block.initialize(manager, DataType.FLOAT32, batchShape(config, 3));
            NDList out = block.forward(new ParameterStore(manager, false), new NDList(manager.randomNormal(
                    batchShape(config, 3))), false);
            assertEquals(2, out.size());
            assertEquals(new Shape(3, 10), out.get(0).getShape());
            assertEquals(new Shape(3, 10), out.get(1).getShape());
        }
    }

    @Test
    void withBaseOneTheStemIsPooledAndEveryRowRunsOneLevelLower() {
        TorchRuntime.engine();
        SmartNetConfig config = WorkedExample.withBase(1);
        try (NDManager manager = NDManager.newBaseManager()) {
            SmartNetBlock block = new SmartNetBlock(config);
            block.initialize(manager, DataType.FLOAT32, batchShape(config, 3));
            ParameterStore store = new ParameterStore(manager, false);
            NDArray images = manager.randomNormal(batchShape(config, 3));
            NDArray[] slots = block.slots(store, images);
            assertEquals(new Shape(3, 16, 14, 14), slots[0].getShape(), "the stem's output, pooled to 14x14");
            assertEquals(new Shape(3, 24, 14, 14), slots[1].getShape(), "cell (0,0)");
            assertEquals(new Shape(3, 8, 7, 7), slots[3].getShape(), "cell (1,1)");
            NDArray full = block.stem().forward(store, new NDList(images), false).singletonOrThrow();
            assertArrayEquals(Resize.toLevel(full, 0, 1).toFloatArray(), slots[0].toFloatArray(), 1e-6f);
            NDList out = block.forward(store, new NDList(images), false);
            assertEquals(new Shape(3, 10), out.get(1).getShape());
        }
    }

    @Test
    void nearestUpsamplingRepeatsEachValueInABlock() {
        TorchRuntime.engine();
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray map = manager.create(new float[] {1, 2, 3, 4}, new Shape(1, 1, 2, 2));
            NDArray up = Resize.toLevel(map, 1, 0);
            assertArrayEquals(new float[] {1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4}, up.toFloatArray());
            assertArrayEquals(new float[] {2.5f}, Resize.toLevel(map, 0, 1).toFloatArray());
        }
    }

    static Shape batchShape(SmartNetConfig config, int batch) {
        return new Shape(batch, config.input().channels(), config.input().height(), config.input().width());
    }

    /** Trainable parameters and buffer values of one exit group. */
    private static long[] count(SmartNetBlock block, int group) {
        long[] counts = new long[2];
        block.group(group).forEach(b -> b.getParameters().values().forEach(p -> {
            counts[p.requiresGradient() ? 0 : 1] += p.getArray().size();
        }));
        return counts;
    }
}
