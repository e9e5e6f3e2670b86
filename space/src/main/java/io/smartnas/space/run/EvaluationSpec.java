package io.smartnas.space.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.smartnas.space.InvalidInputException;
import io.smartnas.space.config.JsonInput;
import io.smartnas.space.evaluation.Fidelity;

import java.util.Objects;

/**
 * Everything an evaluator needs, besides the candidate, to evaluate it exactly as any other evaluator of the same run
 * would: the wire format a worker on another machine receives. Its JSON form (snake case):
 * <pre>{@code
 * {"data": "fashion-mnist", "data_checksum": "sha256:...", "split_seed": 42,
 *  "fidelity": {"epochs": 1, "subset": 3000},
 *  "training": {"mode": "joint", "batch_size": 64, "learning_rate": 0.01, "weight_decay": 0.0, "exit_weights": [],
 *               "seed": 42},
 *  "timing": {"warm_up": 2, "runs": 15, "batch": 64, "batch_runs": 2},
 *  "device_class": "cpu"}
 * }</pre>
 * {@code input} ({@code [channels, height, width]}, what an image folder's images are resized to) is absent for the
 * data's own shape; {@code supernet} (a directory) for candidates trained from scratch.
 *
 * @param data         the data set by name: {@code fashion-mnist}, {@code synthetic} or a directory of IDX files
 * @param dataChecksum the checksum of its images and labels, or null when not yet known
 * @param splitSeed    seeds the split of the training images into training and validation
 * @param fidelity     how much each candidate trains
 * @param training     how it trains
 * @param timing       how its latency and throughput are timed
 * @param deviceClass  {@code cpu} or {@code gpu}: measurements are only comparable within one class
 * @param input        the shape images are resized to, or null for the data's own
 * @param supernet     the directory of the supernet candidates are cut from ({@code fidelity} names its id), or null
 *                     when they train from scratch
 */
public record EvaluationSpec(String data, String dataChecksum, long splitSeed, Fidelity fidelity,
                             TrainingSettings training, TimingSettings timing, String deviceClass,
                             java.util.List<Integer> input, String supernet) {
    /** A spec whose candidates train from scratch. */
    public EvaluationSpec(String data, String dataChecksum, long splitSeed, Fidelity fidelity,
                          TrainingSettings training, TimingSettings timing, String deviceClass,
                          java.util.List<Integer> input) {
        this(data, dataChecksum, splitSeed, fidelity, training, timing, deviceClass, input, null);
    }

    public EvaluationSpec {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(fidelity, "fidelity");
        Objects.requireNonNull(training, "training");
        Objects.requireNonNull(timing, "timing");
        Objects.requireNonNull(deviceClass, "deviceClass");
    }

    /** The shape images are resized to, or null for the data's own. */
    public io.smartnas.space.InputShape inputShape() {
        return input == null ? null : new io.smartnas.space.InputShape(input.get(0), input.get(1), input.get(2));
    }

    /** This spec as JSON. */
    public String json() {
        try {
            return RunDescription.JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an evaluation spec always serialises", e);
        }
    }

    /**
     * A spec from its JSON form.
     *
     * @throws InvalidInputException naming what does not fit
     */
    public static EvaluationSpec of(String json) {
        try {
            return RunDescription.JSON.treeToValue(JsonInput.tree(RunDescription.JSON, json, "evaluation spec"),
                    EvaluationSpec.class);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("evaluation spec: " + JsonInput.problem(e), e);
        }
    }
}
