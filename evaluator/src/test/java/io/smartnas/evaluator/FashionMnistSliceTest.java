package io.smartnas.evaluator;

import ai.djl.Device;
import io.smartnas.evaluator.data.DataSource;
import io.smartnas.evaluator.data.ImageSet;
import io.smartnas.space.run.TimingSettings;
import io.smartnas.space.run.TrainingSettings;
import io.smartnas.space.Cell;
import io.smartnas.space.InputShape;
import io.smartnas.space.SmartNetConfig;
import io.smartnas.space.evaluation.Fidelity;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** A small network learns a slice of the real Fashion-MNIST. */
class FashionMnistSliceTest {
    @Test
    void aSmallNetworkLearnsASliceOfFashionMnist() {
        DataSource full = DataSource.idx(DataSource.FASHION_MNIST);
        ImageSet train = full.train().first(3000);
        DataSource slice = new DataSource("fashion-mnist slice", train, full.test().first(500));
        SmartNetConfig config = new SmartNetConfig(new InputShape(1, 28, 28), 10, 16, 4, 1, List.of(12),
                List.of(new Cell(0, 0, 1, List.of())));
        CandidateTrainer trainer = new CandidateTrainer(new EvaluationSetup(slice, TrainingSettings.DEFAULT,
                new TimingSettings(1, 3, 32, 1), true));
        try (TrainedCandidate trained = trainer.train(config, new Fidelity(3, 0), Device.cpu(),
                (phase, phases, step, steps, loss) -> { })) {
            double accuracy = trained.evaluation().lastExit().testAccuracy();
            assertTrue(accuracy > 0.55, "10 classes, chance 0.1; got " + accuracy);
        }
    }
}
