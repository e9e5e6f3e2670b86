package io.smartnas.evaluator;

import ai.djl.Device;
import ai.djl.pytorch.jni.JniUtils;
import io.smartnas.space.run.TrainingMode;
import io.smartnas.space.evaluation.Evaluation;
import io.smartnas.space.evaluation.ExitMetrics;
import io.smartnas.space.evaluation.Fidelity;
import io.smartnas.space.run.Augmentation;
import io.smartnas.space.run.TrainingSettings;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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

    /**
     * On one intra-op thread, as {@link CheckpointTest}: on two, libtorch's AVX-512 kernels are not deterministic on
     * some CPUs (docs/measurements/engine/).
     */
    @Test
    void aCpuRunIsRepeatableForASeed() {
        TorchRuntime.engine();
        int threads = JniUtils.getNumThreads();
        JniUtils.setNumThreads(1);
        try {
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
        } finally {
            JniUtils.setNumThreads(threads);
        }
    }

    @Test
    void aLossThatGoesNanWithoutEveryAllocationZeroedZeroesThemAllAndTrainsOnceMore() {
        TorchRuntime.engine();
        TorchRuntime.setZeroFill(TorchRuntime.ZeroFill.OFF);
        EvaluationSetup setup = TinyTask.setup(TrainingMode.JOINT);
        TrainingSettings exploding = new TrainingSettings(TrainingMode.JOINT, 32, 1e30f, 0f, List.of(), 5,
                Augmentation.NONE);
        CandidateTrainer trainer = new CandidateTrainer(new EvaluationSetup(setup.data(), exploding, setup.timing(),
                false));
        List<Integer> starts = new ArrayList<>();
        try {
            assertThrows(DivergedException.class, () -> trainer.train(TinyTask.twoExits(), new Fidelity(1, 0),
                    Device.cpu(), (phase, phases, step, steps, loss) -> {
                        if (step == 1) {
                            starts.add(step);
                        }
                    }));
            assertEquals(TorchRuntime.ZeroFill.ALL, TorchRuntime.zeroFill(), "every allocation zeroed after a NaN loss");
            assertEquals(2, starts.size(), "trained again from the start once, then gave up");
        } finally {
            TorchRuntime.setZeroFill(TorchRuntime.zeroFillAtLoad());
        }
    }
}
