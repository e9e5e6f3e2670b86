package io.smartnas.space.evaluation;

import io.smartnas.space.importance.Importance;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One measurement of one candidate, frozen: how it ended, what was measured at each exit, on what and when.
 *
 * @param configId         the stable id of the network
 * @param fidelity         how much training it got
 * @param status           how it ended
 * @param exits            per exit, in exit order; empty unless {@link EvaluationStatus#OK}
 * @param peakMemoryBytes  peak memory of inference at batch size 1, or -1 when unknown
 * @param memoryMeasured   whether {@code peakMemoryBytes} was measured on the device (else it is the cost model's)
 * @param device           where it ran, e.g. {@code cpu()} or {@code gpu(0)}; empty when it never ran
 * @param started          when the evaluation started
 * @param finished         when it ended
 * @param error            why it did not end {@code OK}; empty when it did
 * @param provenance       how the result was made (seed, data split, training settings, versions, machine)
 * @param anytimeLatencyMs mean milliseconds per image of anytime inference under the calibrated exit policy, or NaN
 * @param importance       how much the trained network uses each of its inputs and layers, or null when not measured
 *                         (an evaluation that did not end ok, or one stored before importance was measured)
 */
public record Evaluation(String configId, Fidelity fidelity, EvaluationStatus status, List<ExitMetrics> exits,
                         long peakMemoryBytes, boolean memoryMeasured, String device, Instant started,
                         Instant finished, String error, Map<String, String> provenance, double anytimeLatencyMs,
                         Importance importance) {
    /** An evaluation whose importance was not measured. */
    public Evaluation(String configId, Fidelity fidelity, EvaluationStatus status, List<ExitMetrics> exits,
                      long peakMemoryBytes, boolean memoryMeasured, String device, Instant started, Instant finished,
                      String error, Map<String, String> provenance, double anytimeLatencyMs) {
        this(configId, fidelity, status, exits, peakMemoryBytes, memoryMeasured, device, started, finished, error,
                provenance, anytimeLatencyMs, null);
    }

    /** An evaluation without an anytime latency. */
    public Evaluation(String configId, Fidelity fidelity, EvaluationStatus status, List<ExitMetrics> exits,
                      long peakMemoryBytes, boolean memoryMeasured, String device, Instant started, Instant finished,
                      String error, Map<String, String> provenance) {
        this(configId, fidelity, status, exits, peakMemoryBytes, memoryMeasured, device, started, finished, error,
                provenance, Double.NaN);
    }

    public Evaluation {
        Objects.requireNonNull(configId, "configId");
        Objects.requireNonNull(fidelity, "fidelity");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(finished, "finished");
        exits = List.copyOf(exits);
        device = Objects.requireNonNullElse(device, "");
        error = Objects.requireNonNullElse(error, "");
        provenance = Map.copyOf(provenance);
        if (status == EvaluationStatus.OK && exits.isEmpty()) {
            throw new IllegalArgumentException("an evaluation that ended ok must have metrics for its exits");
        }
        if (status != EvaluationStatus.OK && !exits.isEmpty()) {
            throw new IllegalArgumentException("only an evaluation that ended ok has metrics, not " + status);
        }
        if (status != EvaluationStatus.OK && importance != null) {
            throw new IllegalArgumentException("only an evaluation that ended ok has an importance, not " + status);
        }
    }

    /** A candidate that did not end ok, for {@code reason}. */
    public static Evaluation unsuccessful(String configId, Fidelity fidelity, EvaluationStatus status, String reason,
                                          String device, Instant started, Instant finished,
                                          Map<String, String> provenance) {
        if (status == EvaluationStatus.OK) {
            throw new IllegalArgumentException("an unsuccessful evaluation cannot be ok");
        }
        return new Evaluation(configId, fidelity, status, List.of(), -1, false, device, started, finished, reason,
                provenance);
    }

    /**
     * The kind of device it ran on, {@code cpu} or {@code gpu}, or empty when it never ran: latency and throughput are
     * only comparable within one kind.
     */
    public String deviceClass() {
        return deviceClass(device);
    }

    /** The kind of a device as DJL names it: {@code cpu()} is {@code cpu}, {@code gpu(1)} is {@code gpu}. */
    public static String deviceClass(String device) {
        int paren = device.indexOf('(');
        return paren < 0 ? device : device.substring(0, paren);
    }

    /** The same evaluation with other provenance. */
    public Evaluation withProvenance(Map<String, String> other) {
        return new Evaluation(configId, fidelity, status, exits, peakMemoryBytes, memoryMeasured, device, started,
                finished, error, other, anytimeLatencyMs, importance);
    }

    public boolean ok() {
        return status == EvaluationStatus.OK;
    }

    /**
     * What a training saw: {@code images} in all, over a training split of {@code perEpoch} images.
     */
    public record TrainedImages(long images, long perEpoch) {
        /** The epochs those images make. */
        public double epochs() {
            return (double) images / perEpoch;
        }
    }

    /** What the training saw, from the evaluator's provenance; empty where the evaluator recorded none. */
    public Optional<TrainedImages> trainedImages() {
        String images = provenance.get("trained_images");
        String split = provenance.get("train_split_images");
        return images == null || split == null ? Optional.empty()
                : Optional.of(new TrainedImages(Long.parseLong(images), Long.parseLong(split)));
    }

    /**
     * What was trained, in words: the images the training saw and the share of an epoch of its training split that
     * makes ("58,000 images: 1.05 epochs of 55,000"), from the evaluator's provenance, after the supernet it was cut
     * from if any; where that is missing, the fidelity it was given.
     */
    public String trained() {
        if (fidelity.inherits() && fidelity.epochs() == 0) {
            return fidelity.toString();
        }
        String images = trainedImages().map(t -> String.format(java.util.Locale.ROOT, "%,d images: %.2f epoch(s) of "
                + "%,d", t.images(), t.epochs(), t.perEpoch())).orElseGet(fidelity::toString);
        return fidelity.inherits() && trainedImages().isPresent() ? "inherited from supernet " + fidelity.supernet()
                + ", then " + images : images;
    }

    /** Metrics of the last exit, the one that answers every input no earlier exit took. */
    public ExitMetrics lastExit() {
        if (exits.isEmpty()) {
            throw new IllegalStateException("evaluation of " + configId + " ended " + status.label()
                    + " and has no metrics");
        }
        return exits.get(exits.size() - 1);
    }
}
