package io.smartnas.evaluator;

import ai.djl.Device;
import ai.djl.pytorch.jni.JniUtils;
import io.smartnas.evaluator.data.Batches;
import io.smartnas.evaluator.data.Split;
import io.smartnas.evaluator.net.SmartNetModel;
import io.smartnas.evaluator.train.Training;
import io.smartnas.space.Cell;
import io.smartnas.space.SmartNetConfig;
import io.smartnas.space.evaluation.Assignment;
import io.smartnas.space.evaluation.Evaluation;
import io.smartnas.space.evaluation.EvaluationStatus;
import io.smartnas.space.evaluation.Fidelity;
import io.smartnas.space.run.TrainingMode;
import io.smartnas.space.run.TrainingSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checkpoints of a rung: a promotion goes on from one exactly as training that never stopped; a child inherits. */
class CheckpointTest {
    private static final Fidelity RUNG_0 = new Fidelity(1, 128);
    private static final Fidelity RUNG_1 = new Fidelity(1, 320);

    /**
     * On one intra-op thread: on two, libtorch 2.5.1's AVX-512 kernels are not deterministic on some CPUs (AMD EPYC
     * here: the same training's loss differed by up to 0.02 after five steps, and not at all with one thread or with
     * oneDNN held to AVX2), which would hide what this test compares.
     */
    @Test
    void goingOnFromACheckpointTrainsAsIfTrainingHadNeverStopped(@TempDir Path dir) {
        TorchRuntime.engine();
        int threads = JniUtils.getNumThreads();
        JniUtils.setNumThreads(1);
        try {
            trainTwiceAndCompare(dir);
        } finally {
            JniUtils.setNumThreads(threads);
        }
    }

    private static void trainTwiceAndCompare(Path dir) {
        EvaluationSetup setup = TinyTask.setup(TrainingMode.JOINT);
        CandidateTrainer trainer = new CandidateTrainer(setup);
        DjlEvaluator evaluator = new DjlEvaluator(trainer, List.of(Device.cpu()));
        SmartNetConfig config = TinyTask.twoExits();
        Path rung0 = dir.resolve("rung-0");
        Evaluation first = evaluator.evaluate(List.of(new Assignment(config, RUNG_0, null, 0, rung0)), e -> { })
                .get(0);
        assertTrue(first.ok(), first.error());
        assertTrue(Files.isRegularFile(rung0.resolve("group-1.params")), "the checkpoint is written");

        List<Float> continued = new ArrayList<>();
        try (TrainedCandidate promoted = trainer.train(new Assignment(config, RUNG_1, rung0, config.size(), null),
                null, Device.cpu(), (phase, phases, step, steps, loss) -> continued.add(loss))) {
            assertTrue(promoted.evaluation().ok());
        }

        // The same two trainings on one network that stays in memory in between.
        TrainingSettings training = setup.training();
        Split split = Split.standard(setup.data().train(), training.seed());
        List<Float> uninterrupted = new ArrayList<>();
        try (SmartNetModel model = SmartNetModel.create(config, Device.cpu(), training.seed())) {
            new Training(model.model(), model.block(), training, TrainingProgress.NONE)
                    .run(batches(split, trainer, training, RUNG_0), 1);
            new Training(model.model(), model.block(), training, (phase, phases, step, steps, loss) ->
                    uninterrupted.add(loss)).run(batches(split, trainer, training, RUNG_1), 1);
        }
        assertEquals(uninterrupted.size(), continued.size());
        for (int step = 0; step < continued.size(); step++) {
            assertEquals(uninterrupted.get(step), continued.get(step), 1e-4,
                    "step " + step + " of the promotion's training");
        }
    }

    @Test
    void aChildStartsFromTheExitGroupsItSharesWithItsParentAndAnotherNetworkIsRefused(@TempDir Path dir)
            throws Exception {
        CandidateTrainer trainer = new CandidateTrainer(TinyTask.setup(TrainingMode.JOINT));
        DjlEvaluator evaluator = new DjlEvaluator(trainer, List.of(Device.cpu()));
        SmartNetConfig parent = TinyTask.twoExits();
        Path checkpoint = dir.resolve("parent");
        assertTrue(evaluator.evaluate(List.of(new Assignment(parent, RUNG_0, null, 0, checkpoint)), e -> { })
                .get(0).ok());

        SmartNetConfig child = new SmartNetConfig(TinyTask.SHAPE, 4, 8, 4, 2, List.of(8, 4), List.of(
                new Cell(0, 0, 1, List.of()), new Cell(0, 1, 2, List.of()), new Cell(1, 1, 1, List.of(0))));
        try (SmartNetModel loaded = SmartNetModel.create(child, Device.cpu(), 1);
             SmartNetModel saved = ModelDirectory.load(checkpoint, 1, Device.cpu())) {
            ModelDirectory.loadInto(loaded, checkpoint, 1);
            assertArrayEquals(parameters(saved, 0), parameters(loaded, 0), "exit group 0 is the parent's");
        }
        Evaluation inherited = evaluator.evaluate(List.of(new Assignment(child, RUNG_0, checkpoint, 1, null)),
                e -> { }).get(0);
        assertTrue(inherited.ok(), inherited.error());

        Evaluation refused = evaluator.evaluate(List.of(new Assignment(child, RUNG_0, checkpoint, 2, null)),
                e -> { }).get(0);
        assertEquals(EvaluationStatus.FAILED, refused.status());
        assertTrue(refused.error().contains("first 2 column(s) differ"), refused.error());
        assertFalse(refused.ok());
    }

    private static Batches batches(Split split, CandidateTrainer trainer, TrainingSettings training,
                                   Fidelity fidelity) {
        return new Batches(split.train().first(fidelity.subset()), trainer.normalization(), training.batchSize(),
                training.seed(), training.augmentation());
    }

    private static float[] parameters(SmartNetModel model, int group) {
        List<Float> values = new ArrayList<>();
        for (ai.djl.nn.Block block : model.block().group(group)) {
            block.getParameters().values().forEach(p -> {
                for (float v : p.getArray().toFloatArray()) {
                    values.add(v);
                }
            });
        }
        float[] array = new float[values.size()];
        for (int i = 0; i < array.length; i++) {
            array[i] = values.get(i);
        }
        return array;
    }
}
