package io.smartnas.evaluator;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.smartnas.evaluator.net.SmartNetModel;
import io.smartnas.space.Cell;
import io.smartnas.space.InputShape;
import io.smartnas.space.SmartNetConfig;
import io.smartnas.space.evaluation.Evaluation;
import io.smartnas.space.evaluation.Fidelity;
import io.smartnas.space.run.TrainingSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A saved model's life: trained, grown and cut, each answering on its kept exits exactly as before. */
class SavedModelTest {
    private static final SmartNetConfig CONFIG = new SmartNetConfig(new InputShape(1, 8, 8), 4, 8, 4, 3,
            List.of(8, 8, 8), List.of(new Cell(0, 0, 1, List.of()), new Cell(0, 1, 1, List.of()),
            new Cell(1, 1, 1, List.of(0)), new Cell(0, 2, 1, List.of()), new Cell(1, 2, 1, List.of()),
            new Cell(2, 2, 1, List.of(1))));

    @TempDir
    static Path dir;
    static Path model;
    static Evaluation trained;

    @BeforeAll
    static void train() throws IOException {
        model = dir.resolve("model");
        trained = SavedModel.train(CONFIG, "synthetic", TrainingSettings.DEFAULT, new Fidelity(1, 0), DeviceSpec.CPU,
                TrainingProgress.NONE, model);
    }

    @Test
    void aTrainedModelIsSavedWithThePolicyCalibratedWhileItWasMeasured() throws IOException {
        try (SavedModel saved = SavedModel.open(model, null, DeviceSpec.CPU)) {
            assertEquals(CONFIG.id(), saved.config().id());
            assertEquals(trained.provenance().get("exit_policy"), saved.savedPolicy().thresholds().toString());
        }
    }

    @Test
    void growingLeavesTheEarlierExitsAnswersUnchangedBitForBit() throws IOException {
        Path grown = dir.resolve("grown");
        SavedModel.Grown result = SavedModel.grow(model, 1, null, TrainingSettings.DEFAULT, new Fidelity(1, 256),
                "synthetic", DeviceSpec.CPU, TrainingProgress.NONE, grown);
        assertEquals(4, result.to().size());
        assertTrue(Files.exists(grown.resolve(ModelDirectory.POLICY)));
        float[][] before = outputs(model, 3);
        float[][] after = outputs(grown, 4);
        for (int exit = 0; exit < 3; exit++) {
            assertArrayEquals(before[exit], after[exit], "exit " + exit);
        }
    }

    @Test
    void theFirstExitsSavedAloneAnswerAsInTheFullModel() throws IOException {
        Path small = dir.resolve("small");
        try (SavedModel saved = SavedModel.open(model, 2, DeviceSpec.CPU)) {
            saved.save(small);
        }
        assertTrue(Files.notExists(small.resolve(ModelDirectory.groupFile(2))));
        float[][] full = outputs(model, 3);
        float[][] kept = outputs(small, 2);
        assertArrayEquals(full[0], kept[0]);
        assertArrayEquals(full[1], kept[1]);
    }

    /** Every exit's logits for the same probe images, from the model saved in {@code path}. */
    private static float[][] outputs(Path path, int exits) {
        try (SmartNetModel loaded = ModelDirectory.load(path, exits, Device.cpu());
             NDManager scope = loaded.model().getNDManager().newSubManager()) {
            scope.getEngine().setRandomSeed(11);
            NDArray probe = scope.randomNormal(new Shape(6, 1, 8, 8));
            float[][] out = new float[exits][];
            for (int e = 0; e < exits; e++) {
                out[e] = loaded.block().forwardExit(new ParameterStore(scope, false), probe, e).toFloatArray();
            }
            return out;
        }
    }
}
