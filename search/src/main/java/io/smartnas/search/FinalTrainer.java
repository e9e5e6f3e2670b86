package io.smartnas.search;

import io.smartnas.results.FinalModel;
import io.smartnas.results.Measured;
import io.smartnas.results.ResultStore;
import io.smartnas.results.StoredEvaluation;
import io.smartnas.space.evaluation.Evaluation;
import io.smartnas.space.evaluation.Evaluator;
import io.smartnas.space.evaluation.Fidelity;
import io.smartnas.space.run.FinalTraining;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A run's last step ({@link FinalTraining}): the chosen candidate trained again, measured on the test images and kept
 * as a model directory, recorded as the run's final training. How much it trains is planned from the time the run has
 * left and the speed the candidate trained at in the search ({@link #plan}), so that the run keeps its deadline; the
 * deadline still cuts it if the machine slows down. A resumed run whose final model of that candidate is stored does
 * not train it again.
 */
final class FinalTrainer {
    /** The share of the time left that a plan fills: the rest absorbs a busier machine. */
    static final double MARGIN = 0.85;
    /**
     * How many times the candidate's measuring in the search its final measuring is taken to cost: it also classifies
     * the test images (twice the validation images) and saves the model.
     */
    static final double MEASURING_FACTOR = 3;

    private final ResultStore store;
    private final Evaluator evaluator;
    private final FinalTraining settings;
    private final SearchProgress progress;

    FinalTrainer(ResultStore store, Evaluator evaluator, FinalTraining settings, SearchProgress progress) {
        this.store = store;
        this.evaluator = evaluator;
        this.settings = settings;
        this.progress = progress;
    }

    /**
     * Trains and keeps {@code chosen} in {@code dir} by {@code deadline} (null: no deadline), or says in the progress
     * why it cannot.
     *
     * @return the stored final training, or empty when none was started
     */
    Optional<FinalModel> keep(long runId, Measured chosen, Instant deadline, Path dir) {
        Optional<FinalModel> stored = store.finalModel(runId).filter(f -> f.modelDir() != null
                && f.evaluation().evaluation().configId().equals(chosen.configId()));
        if (stored.isPresent()) {
            return stored;
        }
        Evaluation searched = store.evaluations(runId).stream().filter(e -> e.id() == chosen.evaluationId())
                .map(StoredEvaluation::evaluation).findFirst().orElseThrow();
        Duration left = deadline == null ? null : Duration.between(Instant.now(), deadline);
        Fidelity fidelity = plan(settings.fidelity(), searched, left);
        if (fidelity == null) {
            progress.finalTraining(String.format(Locale.ROOT, "no final training of %s: %d s left, less than it "
                    + "took to train in the search", chosen.configId(), left.toSeconds()));
            return Optional.empty();
        }
        progress.finalTraining("final training of " + chosen.configId() + ": " + fidelity
                + (fidelity.equals(settings.fidelity()) ? "" : " (what fits in the time left; at most "
                + settings.fidelity() + ")"));
        Evaluation kept = evaluator.keep(store.candidate(chosen.configId()).orElseThrow().network(), fidelity, dir);
        String modelDir = kept.ok() ? dir.toAbsolutePath().toString() : null;
        long id = store.addFinalEvaluation(runId, kept, modelDir);
        return Optional.of(new FinalModel(new StoredEvaluation(id, runId, kept), modelDir));
    }

    /**
     * The most training, up to {@code most}, that fits in {@code left} at the speed the candidate trained at in the
     * search ({@code searched}'s training seconds per image) after its measuring: whole epochs when one fits, else
     * part of one. Null when it would be no more than the search gave it. Without a time limit, or for a measurement
     * that recorded no speed, {@code most}.
     */
    static Fidelity plan(Fidelity most, Evaluation searched, Duration left) {
        Map<String, String> p = searched.provenance();
        if (left == null || !p.containsKey("training_seconds") || !p.containsKey("train_images")
                || !p.containsKey("train_split_images")) {
            return most;
        }
        double training = Double.parseDouble(p.get("training_seconds"));
        long searchedImages = Long.parseLong(p.get("train_images")) * searched.fidelity().epochs();
        int split = Integer.parseInt(p.get("train_split_images"));
        double measuring = Math.max(0, Duration.between(searched.started(), searched.finished()).toMillis() / 1000.0
                - training) * MEASURING_FACTOR;
        double affordable = (left.toMillis() / 1000.0 * MARGIN - measuring) / (training / searchedImages);
        int perEpoch = most.subset() == 0 ? split : Math.min(most.subset(), split);
        if (affordable >= (double) most.epochs() * perEpoch) {
            return most;
        }
        if (affordable >= perEpoch) {
            return new Fidelity((int) (affordable / perEpoch), most.subset());
        }
        return affordable > searchedImages ? new Fidelity(1, (int) affordable) : null;
    }
}
