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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A run's last step ({@link FinalTraining}): the chosen candidate trained again, measured on the test images and kept
 * as a model directory, recorded as the run's final training. With a deadline, its training gets the time left less
 * its measuring ({@link #trainingTime}), and its learning-rate schedule runs on time as well as steps, so that a
 * machine slower than when the candidate was measured in the search costs images, not the deadline; the deadline
 * still cuts it. A resumed run whose final model of that candidate is stored does not train it again.
 */
final class FinalTrainer {
    /** The share of the time left that the final training plans to use: the rest absorbs a busier machine. */
    static final double MARGIN = 0.9;
    /**
     * How many times the candidate's measuring in the search its final measuring is taken to cost: it also classifies
     * the test images (twice the validation images) and saves the model.
     */
    static final double MEASURING_FACTOR = 3;
    /** The most passes a fine-tuning on time may take: the time ends it first. */
    static final int FINE_TUNING_EPOCHS = 1000;

    private final ResultStore store;
    private final Evaluator evaluator;
    private final FinalTraining settings;
    private final SearchProgress progress;

    /** What the time left to the deadline is read on. */
    private final Clock clock;

    FinalTrainer(ResultStore store, Evaluator evaluator, FinalTraining settings, SearchProgress progress, Clock clock) {
        this.clock = clock;
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
        Evaluation searched = store.evaluationsOf(chosen.configId()).stream()
                .filter(e -> e.id() == chosen.evaluationId())
                .map(StoredEvaluation::evaluation).findFirst().orElseThrow();
        Duration left = deadline == null ? null : Duration.between(clock.instant(), deadline);
        Duration budget = trainingTime(searched, left);
        if (searched.fidelity().inherits()) {
            // fine-tuned for the time kept for it, even when the search ended early and left more
            Duration kept = left == null ? null : trainingTime(searched, settings.reserve(left));
            return keepInherited(runId, chosen.configId(), searched.fidelity().supernet(), kept == null
                    || budget.compareTo(kept) < 0 ? budget : kept, dir);
        }
        if (budget != null && tooShort(searched, budget)) {
            progress.finalTraining(String.format(Locale.ROOT, "no final training of %s: %d s left, not enough to "
                    + "train it longer than the search did", chosen.configId(), left.toSeconds()));
            return Optional.empty();
        }
        Fidelity fidelity = settings.fidelity(budget == null ? 1 : epochsThatFit(searched, budget,
                settings.subset()));
        progress.finalTraining("final training of " + chosen.configId() + ": at most " + fidelity
                + (budget == null ? "" : ", within " + budget.toSeconds() + " s of training"));
        return Optional.of(trainAndStore(runId, chosen.configId(), fidelity, budget, dir));
    }

    /** Has the evaluator keep the candidate in {@code dir}, and stores the evaluation as the run's final training. */
    private FinalModel trainAndStore(long runId, String configId, Fidelity fidelity, Duration budget, Path dir) {
        Evaluation kept = evaluator.keep(store.candidate(configId).orElseThrow().network(), fidelity, budget, dir);
        String modelDir = kept.ok() ? dir.toAbsolutePath().toString() : null;
        long id = store.addFinalEvaluation(runId, kept, modelDir);
        return new FinalModel(new StoredEvaluation(id, runId, kept), modelDir);
    }

    /**
     * Keeps a network cut from a supernet: when the step fills its time with training ({@code --fine-tune} sets
     * {@link FinalTraining#fillsTime}), fine-tuned for {@code budget} of training (if that is a second or more), else
     * as it was cut, the step's time spent measuring and saving it.
     */
    private Optional<FinalModel> keepInherited(long runId, String configId, String supernet, Duration budget,
                                               Path dir) {
        boolean tune = settings.fillsTime() && budget != null && budget.toSeconds() >= 1;
        Fidelity fidelity = tune ? new Fidelity(FINE_TUNING_EPOCHS, settings.subset(), (int) budget.toSeconds(),
                supernet) : Fidelity.inherited(supernet);
        progress.finalTraining("keeping " + configId + ": " + fidelity + (tune ? ", fine-tuned" : ", not fine-tuned")
                + ", measured on the test images");
        return Optional.of(trainAndStore(runId, configId, fidelity, tune ? budget : null, dir));
    }

    /**
     * The time the final training may train for, with {@code left} until the deadline: {@link #MARGIN} of it, less its
     * measuring, taken as {@link #MEASURING_FACTOR} times what measuring the candidate took in the search
     * ({@code searched}: its time less its training time). Null without a deadline.
     */
    static Duration trainingTime(Evaluation searched, Duration left) {
        if (left == null) {
            return null;
        }
        String training = searched.provenance().get("training_seconds");
        double measuring = training == null ? 0 : Math.max(0, Duration.between(searched.started(),
                searched.finished()).toMillis() / 1000.0 - Double.parseDouble(training)) * MEASURING_FACTOR;
        return Duration.ofMillis(Math.max(0, (long) ((left.toMillis() / 1000.0 * MARGIN - measuring) * 1000)));
    }

    /**
     * The whole passes over {@code subset} training images (0: the whole training split) that {@code budget} of
     * training holds at the speed the candidate trained at in the search ({@code searched}), at least 1; 1 for a
     * measurement that recorded no speed. The learning-rate schedule runs on time as well, so a machine slower than
     * planned still anneals by the deadline.
     */
    static int epochsThatFit(Evaluation searched, Duration budget, int subset) {
        Map<String, String> p = searched.provenance();
        if (!p.containsKey("training_seconds") || !p.containsKey("trained_images")
                || !p.containsKey("train_split_images")) {
            return 1;
        }
        double perSecond = Double.parseDouble(p.get("trained_images")) / Double.parseDouble(p.get("training_seconds"));
        long split = Long.parseLong(p.get("train_split_images"));
        long perEpoch = subset == 0 ? split : Math.min(subset, split);
        double fitting = budget.toMillis() / 1000.0 * perSecond / Math.max(1, perEpoch);
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.floor(fitting)));
    }

    /**
     * Whether {@code budget} of training, at the speed the candidate trained at in the search, is no more training than
     * the search gave it; false for a measurement that recorded no speed.
     */
    static boolean tooShort(Evaluation searched, Duration budget) {
        Map<String, String> p = searched.provenance();
        if (!p.containsKey("training_seconds") || !p.containsKey("train_images")) {
            return budget.isZero();
        }
        // the images it trained on, counted once per pass; a fidelity of equal time says how many only there
        double searchedImages = p.containsKey("trained_images") ? Double.parseDouble(p.get("trained_images"))
                : Double.parseDouble(p.get("train_images")) * searched.fidelity().epochs();
        double perSecond = searchedImages / Double.parseDouble(p.get("training_seconds"));
        return budget.toMillis() / 1000.0 * perSecond <= searchedImages;
    }
}
