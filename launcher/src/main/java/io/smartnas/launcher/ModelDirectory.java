package io.smartnas.launcher;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smartnas.evaluator.anytime.ExitPolicy;
import io.smartnas.evaluator.data.Batches;
import io.smartnas.evaluator.data.DataSource;
import io.smartnas.evaluator.data.ImageSet;
import io.smartnas.evaluator.data.Normalization;
import io.smartnas.evaluator.data.Split;
import io.smartnas.evaluator.net.ExitGroupFiles;
import io.smartnas.evaluator.net.SmartNetModel;
import io.smartnas.space.InvalidInputException;
import io.smartnas.space.SmartNetConfig;
import io.smartnas.space.config.ConfigDocument;
import io.smartnas.space.config.JsonInput;
import io.smartnas.space.config.StoredFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A trained model on disk as {@code smartnas train --out} leaves it: {@code config.json} (with the normalisation and
 * training settings), one parameter file per exit group, and {@code policy.json}, the calibrated exit policy.
 */
final class ModelDirectory {
    static final String POLICY = "policy.json";

    private final Path dir;
    private final ConfigDocument document;

    private ModelDirectory(Path dir, ConfigDocument document) {
        this.dir = dir;
        this.document = document;
    }

    /** @throws InvalidInputException if {@code dir} is not a trained model */
    static ModelDirectory of(Path dir) {
        if (!Files.isRegularFile(dir.resolve(ExitGroupFiles.CONFIG))) {
            throw new InvalidInputException(dir + ": not a trained model (no " + ExitGroupFiles.CONFIG
                    + "; smartnas train --out writes one)");
        }
        ModelDirectory model = new ModelDirectory(dir, ExitGroupFiles.document(dir));
        model.normalization();
        return model;
    }

    Path dir() {
        return dir;
    }

    SmartNetConfig config() {
        return document.config();
    }

    ObjectNode extras() {
        return document.extras();
    }

    Normalization normalization() {
        JsonNode n = document.extras().get("normalization");
        if (n == null || !n.has("mean") || !n.has("std")) {
            throw new InvalidInputException(dir + ": " + ExitGroupFiles.CONFIG + " has no normalization; "
                    + "was it written by smartnas train?");
        }
        return new Normalization((float) n.get("mean").asDouble(), (float) n.get("std").asDouble());
    }

    /** The seed the model trained with, which fixes its validation split. */
    long seed() {
        JsonNode training = document.extras().get("training");
        return training != null && training.has("seed") ? training.get("seed").asLong() : 42;
    }

    /** The first {@code exits} exits, reading only their exit groups. */
    SmartNetModel load(int exits, Device device) {
        return ExitGroupFiles.load(dir, exits, device);
    }

    /** The saved exit policy cut to {@code exits}, or none (every input to the last exit) when there is none. */
    ExitPolicy policy(int exits) {
        Path file = dir.resolve(POLICY);
        if (!Files.exists(file)) {
            return ExitPolicy.lastExitOnly(exits);
        }
        StoredFiles.verify(file);
        return readPolicy(file).prefix(exits);
    }

    /**
     * An exit policy file.
     *
     * @throws InvalidInputException naming the file and what is wrong with it
     */
    static ExitPolicy readPolicy(Path file) {
        try {
            return ExitPolicy.of(JsonInput.readTree(file));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidInputException(file + ": not an exit policy (" + e.getMessage() + ")", e);
        }
    }

    /** The validation images of the model's training split, normalised as it trained. */
    Batches validation(DataSource data, int batchSize) {
        ImageSet validation = Split.standard(data.train(), seed()).validation();
        return new Batches(validation, normalization(), batchSize, 0);
    }

    static void writePolicy(Path dir, ObjectNode policy) throws IOException {
        StoredFiles.write(dir.resolve(POLICY), Json.MAPPER.writerWithDefaultPrettyPrinter()
                .writeValueAsString(policy) + System.lineSeparator());
    }
}
