package io.smartnas.evaluator;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.smartnas.evaluator.net.SmartNetModel;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.smartnas.space.InvalidInputException;
import io.smartnas.space.WorkedExample;
import io.smartnas.space.config.StoredFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelDirectoryTest {
    @TempDir
    Path dir;

    @Test
    void loadingTheFirstExitReadsOnlyGroupZeroAndAnswersAsTheFullModel() throws IOException {
        try (SmartNetModel full = SmartNetModel.create(WorkedExample.config(), Device.cpu(), 7);
             NDManager manager = NDManager.newBaseManager()) {
            ModelDirectory.save(full, JsonNodeFactory.instance.objectNode().put("id", "test"), dir);
            Files.delete(dir.resolve(ModelDirectory.groupFile(1)));
            NDArray probe = manager.randomNormal(new Shape(4, 1, 28, 28));
            try (SmartNetModel first = ModelDirectory.load(dir, 1, Device.cpu())) {
                assertEquals(1, first.config().size());
                assertArrayEquals(exit(full, probe, 0), exit(first, probe, 0));
            }
        }
    }

    @Test
    void everyExitOfALoadedModelAnswersAsTheSavedOne() throws IOException {
        try (SmartNetModel full = SmartNetModel.create(WorkedExample.config(), Device.cpu(), 7);
             NDManager manager = NDManager.newBaseManager()) {
            ModelDirectory.save(full, JsonNodeFactory.instance.objectNode(), dir);
            NDArray probe = manager.randomNormal(new Shape(4, 1, 28, 28));
            try (SmartNetModel loaded = ModelDirectory.load(dir, 2, Device.cpu())) {
                assertArrayEquals(exit(full, probe, 1), exit(loaded, probe, 1));
            }
        }
    }

    @Test
    void flippedBytesInAGroupFileAreCaughtOnLoadNamingThatGroup() throws IOException {
        try (SmartNetModel full = SmartNetModel.create(WorkedExample.config(), Device.cpu(), 7)) {
            ModelDirectory.save(full, JsonNodeFactory.instance.objectNode(), dir);
        }
        Path group = dir.resolve(ModelDirectory.groupFile(1));
        byte[] bytes = Files.readAllBytes(group);
        for (int i = bytes.length / 2; i < bytes.length / 2 + 400 && i < bytes.length; i++) {
            bytes[i] = (byte) ~bytes[i];
        }
        Files.write(group, bytes);
        try (SmartNetModel first = ModelDirectory.load(dir, 1, Device.cpu())) {
            assertEquals(1, first.config().size(), "the undamaged first group still loads");
        }
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> ModelDirectory.load(dir, 2, Device.cpu()));
        assertTrue(e.getMessage().startsWith(group + ": damaged"), e.getMessage());
    }

    @Test
    void aTruncatedGroupFileWithoutAChecksumListIsStillNamedAsDamaged() throws IOException {
        try (SmartNetModel full = SmartNetModel.create(WorkedExample.config(), Device.cpu(), 7)) {
            ModelDirectory.save(full, JsonNodeFactory.instance.objectNode(), dir);
        }
        Files.delete(dir.resolve(StoredFiles.SUMS));
        Path group = dir.resolve(ModelDirectory.groupFile(0));
        byte[] bytes = Files.readAllBytes(group);
        Files.write(group, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> ModelDirectory.load(dir, 1, Device.cpu()));
        assertTrue(e.getMessage().startsWith(group + ": damaged"), e.getMessage());
        assertTrue(!e.getMessage().contains("null"), e.getMessage());
    }

    @Test
    void aMissingGroupFileIsNamed() throws IOException {
        try (SmartNetModel full = SmartNetModel.create(WorkedExample.config(), Device.cpu(), 7)) {
            ModelDirectory.save(full, JsonNodeFactory.instance.objectNode(), dir);
        }
        Files.delete(dir.resolve(ModelDirectory.groupFile(1)));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> ModelDirectory.load(dir, 2, Device.cpu()));
        assertTrue(e.getMessage().contains("group-1.params: missing"), e.getMessage());
    }

    @Test
    void moreExitsThanSavedAreRefused() throws IOException {
        try (SmartNetModel full = SmartNetModel.create(WorkedExample.config(), Device.cpu(), 7)) {
            ModelDirectory.save(full, JsonNodeFactory.instance.objectNode(), dir);
        }
        assertThrows(InvalidInputException.class, () -> ModelDirectory.load(dir, 3, Device.cpu()));
    }

    private static float[] exit(SmartNetModel model, NDArray probe, int exit) {
        try (NDManager scope = model.model().getNDManager().newSubManager()) {
            NDArray x = probe.duplicate();
            x.attach(scope);
            return model.block().forwardExit(new ParameterStore(scope, false), x, exit).toFloatArray();
        }
    }
}
