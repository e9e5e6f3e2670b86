package io.smartnas.evaluator;

import ai.djl.Device;
import io.smartnas.evaluator.data.Batches;
import io.smartnas.evaluator.data.DataSource;
import io.smartnas.evaluator.data.ImageSet;
import io.smartnas.evaluator.net.SmartNetModel;
import io.smartnas.evaluator.train.Training;
import io.smartnas.space.SmartNetConfig;
import io.smartnas.space.config.ConfigFile;
import io.smartnas.space.run.Augmentation;
import io.smartnas.space.run.TrainingSettings;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The engine's NaN hazard (see {@code ConvolutionNanTest}) on a whole network: under the runtime's setting, the 3-exit
 * 130k-parameter example, whose growth rates (12, 24) are not multiples of the SIMD block, trains 200 steps with a
 * finite loss at every step. On a CPU with the hazard, plain DJL training had a NaN loss from the first step on.
 */
@Tag("slow")
class ExampleTrainingNanTest {
    private static final int STEPS = 200;
    private static final int BATCH = 16;

    @Test
    void theThreeExitExampleTrains200StepsWithoutNan() {
        List<Float> losses = train(STEPS);
        assertEquals(STEPS, losses.size());
        assertTrue(losses.stream().allMatch(Float::isFinite), "a step with a NaN or infinite loss: " + losses);
    }

    /**
     * With the weight-sized allocations zeroed and every larger one handed out full of NaN, the worst that recycled
     * memory can hold, the example still trains: the engine reads no memory above the bound before writing it. Where
     * the hazard is, a bound one byte below the largest padded weight buffer (110,592 bytes here) failed at step 1.
     * Only where the runtime uses the bound: a CPU without the hazard zeroes nothing.
     */
    @Test
    void withNanInEveryAllocationAboveTheWeightsTheExampleStillTrains() {
        TorchRuntime.engine();
        assumeTrue(TorchRuntime.zeroFillAtLoad() == TorchRuntime.ZeroFill.WEIGHTS, "no hazard on this CPU");
        TorchRuntime.setZeroFill(TorchRuntime.ZeroFill.WEIGHTS);
        TorchRuntime.poisonAboveBound(true);
        try {
            List<Float> losses = train(20);
            assertTrue(losses.stream().allMatch(Float::isFinite), "a step with a NaN or infinite loss: " + losses);
        } finally {
            TorchRuntime.poisonAboveBound(false);
            TorchRuntime.setZeroFill(TorchRuntime.zeroFillAtLoad());
        }
    }

    private static List<Float> train(int steps) {
        SmartNetConfig config = ConfigFile.read(Path.of("../examples/three-exits-130k.json"));
        TrainingSettings settings = new TrainingSettings(TrainingSettings.DEFAULT.mode(), BATCH,
                TrainingSettings.DEFAULT.learningRate(), 0f, List.of(), 5, Augmentation.NONE);
        ImageSet images = DataSource.synthetic(config.input(), config.classes(), steps * BATCH, 1, 5).train();
        List<Float> losses = new ArrayList<>();
        try (SmartNetModel model = SmartNetModel.create(config, Device.cpu(), 5)) {
            new Training(model.model(), model.block(), settings, (phase, phases, step, all, loss) -> losses.add(loss))
                    .run(new Batches(images, images.statistics(), BATCH, 5), 1);
        }
        return losses;
    }
}
