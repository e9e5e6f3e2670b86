package io.smartnas.evaluator;

import ai.djl.Device;
import io.smartnas.space.run.TrainingMode;
import io.smartnas.space.evaluation.Evaluation;
import io.smartnas.space.evaluation.ExitMetrics;
import io.smartnas.space.evaluation.Fidelity;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CandidateTrainerTest {
    @Test
    void jointTrainingLearnsTheTaskAtEveryExit() {
        CandidateTrainer trainer = new CandidateTrainer(TinyTask.setup(TrainingMode.JOINT));
        try (TrainedCandidate trained = trainer.train(TinyTask.twoExits(), new Fidelity(3, 0), Device.cpu(),
                (phase, phases, step, steps, loss) -> { })) {
            Evaluation evaluation = trained.evaluation();
            assertTrue(evaluation.ok());
            assertEquals(2, evaluation.exits().size());
            for (ExitMetrics exit : evaluation.exits()) {
                assertTrue(exit.validationAccuracy() > 0.9, "exit " + exit.exit() + ": " + exit.validationAccuracy());
                assertTrue(exit.testAccuracy() > 0.9, "exit " + exit.exit() + ": " + exit.testAccuracy());
                assertTrue(exit.latencyMs() > 0 && exit.throughput() > 0);
            }
            assertEquals(TinyTask.twoExits().id(), evaluation.configId());
            assertEquals("cpu()", evaluation.device());
            assertTrue(evaluation.provenance().get("engine").startsWith("PyTorch 2.5.1"));
        }
    }

    @Test
    void aCpuRunIsRepeatableForASeed() {
        CandidateTrainer trainer = new CandidateTrainer(TinyTask.setup(TrainingMode.JOINT));
        Fidelity fidelity = new Fidelity(1, 200);
        double first;
        try (TrainedCandidate trained = trainer.train(TinyTask.twoExits(), fidelity, Device.cpu(),
                (phase, phases, step, steps, loss) -> { })) {
            first = trained.evaluation().lastExit().validationAccuracy();
        }
        try (TrainedCandidate trained = trainer.train(TinyTask.twoExits(), fidelity, Device.cpu(),
                (phase, phases, step, steps, loss) -> { })) {
            assertEquals(first, trained.evaluation().lastExit().validationAccuracy());
        }
    }
}
