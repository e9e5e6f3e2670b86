package io.smartnas.evaluator;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smartnas.evaluator.anytime.AnytimeLatency;
import io.smartnas.evaluator.anytime.Calibration;
import io.smartnas.evaluator.anytime.ExitOutcomes;
import io.smartnas.evaluator.data.Batches;
import io.smartnas.evaluator.data.DataSource;
import io.smartnas.evaluator.data.ImageSet;
import io.smartnas.evaluator.data.Split;
import io.smartnas.evaluator.net.SmartNetModel;
import io.smartnas.evaluator.net.Surgery;
import io.smartnas.evaluator.train.Training;
import io.smartnas.space.InvalidConfigException;
import io.smartnas.space.InvalidInputException;
import io.smartnas.space.SmartNetConfig;
import io.smartnas.space.evaluation.Assignment;
import io.smartnas.space.evaluation.Evaluation;
import io.smartnas.space.config.EvaluationJson;
import io.smartnas.space.evaluation.Fidelity;
import io.smartnas.space.importance.Importance;
import io.smartnas.space.importance.Pruning;
import io.smartnas.space.run.TimingSettings;
import io.smartnas.space.run.TrainingSettings;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * A trained model, saved as a model directory: train one, open its first exits on a device, classify with early exits,
 * calibrate its exit policy, grow it by an exit, or save its first exits as a smaller model. Close it to free the
 * network.
 */
public final class SavedModel implements AutoCloseable {
    private final ModelDirectory directory;
    private final SmartNetModel net;

    private SavedModel(ModelDirectory directory, SmartNetModel net) {
        this.directory = directory;
        this.net = net;
    }

    /**
     * Trains {@code config} and measures every exit, on the test images too; with {@code out}, saves the model there
     * with the exit policy calibrated on its validation images.
     *
     * @param out where to save the model, or null
     * @throws InvalidInputException                                if the config does not fit the data
     * @throws io.smartnas.evaluator.DivergedException if the loss becomes NaN or infinite
     */
    public static Evaluation train(SmartNetConfig config, String data, TrainingSettings training, Fidelity fidelity,
                                   DeviceSpec device, TrainingProgress progress, Path out) throws IOException {
        return train(config, null, data, training, fidelity, null, device, progress, out);
    }

    /**
     * Trains {@code config} as {@link #train(SmartNetConfig, String, TrainingSettings, Fidelity, DeviceSpec,
     * TrainingProgress, Path)} does, starting from the parameters of the exit groups it shares with the model saved in
     * {@code parent} ({@link SmartNetConfig#sharedExitGroups}), as a search's child inherits from its parent.
     *
     * @param parent a saved model (or a search's checkpoint) to inherit from, or null to start from scratch
     * @param budget the most time training may take, its learning-rate schedule on time as well; null for none
     * @throws InvalidInputException if {@code parent} is not a saved model or shares no exit group with the config
     */
    public static Evaluation train(SmartNetConfig config, Path parent, String data, TrainingSettings training,
                                   Fidelity fidelity, Duration budget, DeviceSpec device, TrainingProgress progress,
                                   Path out) throws IOException {
        Assignment assignment = Assignment.fresh(config, fidelity);
        if (parent != null) {
            int groups = config.sharedExitGroups(ModelDirectory.of(parent).config());
            if (groups == 0) {
                throw new InvalidInputException(parent + ": shares no exit group with " + config.id() + " (its first "
                        + "exit's network differs: stem, growth, or the cells of column 0)");
            }
            assignment = new Assignment(config, fidelity, parent, groups, null);
        }
        Dataset dataset = Dataset.load(data, config, training.seed());
        CandidateTrainer trainer = new CandidateTrainer(new EvaluationSetup(dataset.source(), training,
                TimingSettings.DEFAULT, true));
        try (TrainedCandidate trained = trainer.train(assignment, budget, device.first(), progress)) {
            progress.finished();
            if (out != null) {
                ModelDirectory.saveTrained(trained, trainer, fidelity, out);
            }
            return trained.evaluation();
        }
    }

    /**
     * The first {@code exits} exits of the model saved in {@code dir}, reading only their exit groups.
     *
     * @param exits exits to load, or null for all
     * @throws InvalidInputException if {@code dir} is not a saved model or has fewer exits
     */
    public static SavedModel open(Path dir, Integer exits, DeviceSpec device) {
        ModelDirectory directory = ModelDirectory.of(dir);
        int size = directory.config().size();
        int k = exits == null ? size : exits;
        if (k < 1 || k > size) {
            throw new InvalidInputException("--exits must be 1.." + size + ", got " + k);
        }
        return new SavedModel(directory, directory.load(k, device.first()));
    }

    /**
     * The data the model saved in {@code dir} trained on, as {@code --data} names it ({@code fashion-mnist},
     * {@code synthetic} or a directory); null for a model saved before models recorded it.
     *
     * @throws InvalidInputException if {@code dir} is not a saved model
     */
    public static String dataOf(Path dir) {
        return ModelDirectory.of(dir).data();
    }

    /** The config of the exits loaded. */
    public SmartNetConfig config() {
        return net.config();
    }

    /** The saved exit policy cut to the exits loaded, or every input to the last exit when none was saved. */
    public ExitPolicy savedPolicy() {
        return directory.policy(config().size());
    }

    /**
     * The exit policy to classify with: the thresholds given (one: the same at every exit but the last), else the
     * policy file given, else the saved policy; each cut to the exits loaded.
     *
     * @param thresholds thresholds, or null
     * @param file       an exit policy file, or null
     * @throws InvalidInputException if the thresholds are not probabilities, or the file is not an exit policy
     */
    public ExitPolicy policy(List<Double> thresholds, Path file) {
        int k = config().size();
        if (thresholds != null) {
            try {
                return thresholds.size() == 1 ? ExitPolicy.shared(k, thresholds.get(0)) : new ExitPolicy(thresholds);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("--threshold: " + e.getMessage());
            }
        }
        return file != null ? ModelDirectory.readPolicy(file).prefix(k) : savedPolicy();
    }

    /**
     * What anytime inference under {@code policy} does on the test images, and its latency; in JSON, the outcome's
     * fields come first, at the top level.
     */
    public record Inference(@JsonUnwrapped PolicyOutcome test, double latencyMs, double lastExitLatencyMs, int exits,
                            List<Double> policy, @JsonInclude(JsonInclude.Include.NON_EMPTY) List<CurvePoint> curve) {
    }

    /** Accuracy and average MACs on the test images with one threshold shared by every exit but the last. */
    public record CurvePoint(double threshold, double accuracy, double avgMacs) {
    }

    /**
     * What anytime inference does on the test images: under the saved policy, and under each shared threshold of the
     * calibration grid (the curve).
     */
    public record Anytime(List<Double> policy, PolicyOutcome test, List<CurvePoint> curve) {
        static Anytime of(ExitOutcomes test, ExitPolicy policy) {
            int k = test.exits();
            return new Anytime(policy.thresholds(), PolicyOutcome.of(test, policy), Calibration.grid().stream()
                    .map(t -> {
                        ExitOutcomes.Outcome o = test.under(ExitPolicy.shared(k, t));
                        return new CurvePoint(t, o.accuracy(), o.averageMacs());
                    }).toList());
        }
    }

    /**
     * What anytime inference of the model saved in {@code dir} did on the test images, as its training stored it;
     * empty for a model that stored none, or whose policy was calibrated again since.
     *
     * @throws InvalidInputException if {@code dir} is not a saved model, or what it stored is corrupt
     */
    public static Optional<Anytime> storedAnytime(Path dir) {
        return ModelDirectory.of(dir).anytime();
    }

    /**
     * What anytime inference under the saved policy does on the test images, and its curve, measured now; {@code
     * progress} is told the test images classified as it goes.
     */
    public Anytime anytime(String data, Classified progress) {
        ExitOutcomes test = ExitOutcomes.measure(net.block(), net.model().getNDManager(), new Batches(
                dataFor(data).test(), directory.normalization(), ExitOutcomes.BATCH, 0), progress);
        return Anytime.of(test, savedPolicy());
    }

    /**
     * Classifies the test images with early exits under {@code policy}, and times {@code latencyImages} of them one by
     * one; with {@code curve}, also under each shared threshold of the calibration grid. {@code progress} is told the
     * test images classified as it goes.
     */
    public Inference infer(String data, ExitPolicy policy, int latencyImages, boolean curve, Classified progress) {
        DataSource source = dataFor(data);
        var manager = net.model().getNDManager();
        ExitOutcomes test = ExitOutcomes.measure(net.block(), manager,
                new Batches(source.test(), directory.normalization(), ExitOutcomes.BATCH, 0), progress);
        AnytimeLatency latency = AnytimeLatency.measure(net.block(), manager,
                new Batches(source.test().first(latencyImages), directory.normalization(), 1, 0), policy);
        Anytime anytime = Anytime.of(test, policy);
        return new Inference(anytime.test(), latency.anytimeMs(), latency.lastExitMs(), config().size(),
                policy.thresholds(), curve ? anytime.curve() : List.of());
    }

    /**
     * What every loaded exit outputs (its logits, before the softmax) for the first {@code images} test images, in
     * inference mode: {@code [exit][image][class]}, to compare with another engine's forward pass of the same model.
     */
    public float[][][] logits(String data, int images) {
        ImageSet test = dataFor(data).test();
        Batches first = new Batches(test.first(Math.min(images, test.size())), directory.normalization(),
                Math.max(1, Math.min(images, test.size())), 0);
        int classes = config().classes();
        try (NDManager scope = net.model().getNDManager().newSubManager()) {
            NDList logits = net.block().forward(new ParameterStore(scope, false), first.batch(scope,
                    first.inOrder(), 0).head(), false, config().size(), 0);
            float[][][] out = new float[logits.size()][][];
            for (int e = 0; e < logits.size(); e++) {
                float[] flat = logits.get(e).toFloatArray();
                out[e] = new float[flat.length / classes][];
                for (int i = 0; i < out[e].length; i++) {
                    out[e][i] = java.util.Arrays.copyOfRange(flat, i * classes, (i + 1) * classes);
                }
            }
            return out;
        }
    }

    /**
     * Calibrates the exit policy of the loaded exits for {@code goal} on the validation images, and saves it;
     * {@code progress} is told the validation images classified as it goes.
     */
    public PolicyFile calibrate(String data, CalibrationGoal goal, Classified progress) throws IOException {
        ExitOutcomes validation = ExitOutcomes.measure(net.block(), net.model().getNDManager(),
                directory.validation(dataFor(data)), progress);
        return ModelDirectory.calibrate(directory.dir(), validation, goal);
    }

    /** Saves the loaded exits as a model of their own in {@code out}, with the saved exit policy cut to them. */
    public void save(Path out) throws IOException {
        ObjectNode extras = directory.extras();
        extras.put("id", config().id());
        extras.put("shrunk_from", directory.config().id());
        extras.remove("metrics");
        ModelDirectory.save(net, extras, out);
        ModelDirectory.writePolicy(out, new PolicyFile(savedPolicy().thresholds(),
                "cut from " + directory.dir().resolve(ModelDirectory.POLICY), null));
    }

    /** A model grown by an exit: from what, to what, and its recalibrated policy. */
    public record Grown(SmartNetConfig from, SmartNetConfig to, PolicyFile policy) {
    }

    /**
     * Adds a column and an exit to the model saved in {@code dir} and trains only the new exit group, the earlier ones
     * frozen, so the earlier exits answer exactly as before; saves the grown model in {@code out} with its exit
     * policy recalibrated for the default goal.
     *
     * @param depth    layers of each new Smart Block
     * @param growth   the new row's growth rate, or null for the last growing row's
     * @param training how the new group trains; its seed is replaced by the model's, which fixes the split
     * @throws InvalidInputException if the grown network is not valid
     */
    public static Grown grow(Path dir, int depth, Integer growth, TrainingSettings training, Fidelity fidelity,
                             String data, DeviceSpec device, TrainingProgress progress, Path out) throws IOException {
        if (depth < 0) {
            throw new InvalidInputException("--depth must not be negative, got " + depth);
        }
        ModelDirectory model = ModelDirectory.of(dir);
        SmartNetConfig grown;
        try {
            grown = model.config().grown(depth, growth);
        } catch (InvalidConfigException e) {
            throw new InvalidInputException("the grown network is not valid: " + e.getMessage());
        }
        TrainingSettings settings = training.withSeed(model.seed());
        DataSource source = Dataset.load(data, grown, model.seed()).source();
        CandidateTrainer.requireFits("the model in " + dir, grown, source);
        Split split = Split.standard(source.train(), model.seed());
        try (SmartNetModel net = SmartNetModel.create(grown, device.first(), model.seed())) {
            ModelDirectory.loadInto(net, dir, model.config().size());
            Batches train = new Batches(split.train().first(fidelity.subset()), model.normalization(),
                    settings.batchSize(), settings.seed(), settings.augmentation());
            new Training(net.model(), net.block(), settings, progress).runExit(train, fidelity.epochs(),
                    grown.size() - 1);
            progress.finished();
            ObjectNode extras = model.extras();
            extras.put("id", grown.id());
            extras.put("grown_from", model.config().id());
            extras.remove("metrics");
            ModelDirectory.recordData(extras, source);
            ModelDirectory.save(net, extras, out);
            ExitOutcomes validation = ExitOutcomes.measure(net.block(), net.model().getNDManager(),
                    new Batches(split.validation(), model.normalization(), ExitOutcomes.BATCH, 0));
            return new Grown(model.config(), grown, ModelDirectory.calibrate(out, validation,
                    CalibrationGoal.DEFAULT));
        }
    }

    /**
     * A model pruned by what it uses: its config before and after, their cost, the importance that decided, test
     * accuracy at the last exit before and after the fine-tuning, and the recalibrated policy.
     */
    public record Pruned(SmartNetConfig from, SmartNetConfig to, Importance importance, double testBefore,
                         double testAfter, PolicyFile policy) {
    }

    /**
     * Takes out of the model saved in {@code dir} what {@code pruning} says, given the importance of its inputs and
     * layers measured on its validation images (as {@code smartnas prune} does, {@link Pruning#prune}), moves the
     * parameters of everything kept into the smaller network ({@link Surgery}), fine-tunes the whole of it, and saves
     * it in {@code out} with its exit policy recalibrated.
     *
     * @param training how it fine-tunes; its seed is replaced by the model's, which fixes the split
     */
    public static Pruned prune(Path dir, BiFunction<SmartNetConfig, Importance, Pruning.Pruned> pruning,
                               TrainingSettings training, Fidelity fidelity, String data, DeviceSpec device,
                               TrainingProgress progress, Path out) throws IOException {
        ModelDirectory model = ModelDirectory.of(dir);
        SmartNetConfig config = model.config();
        TrainingSettings settings = training.withSeed(model.seed());
        DataSource source = Dataset.load(data, config, model.seed()).source();
        CandidateTrainer.requireFits("the model in " + dir, config, source);
        Split split = Split.standard(source.train(), model.seed());
        Batches validationImages = new Batches(split.validation(), model.normalization(), ExitOutcomes.BATCH, 0);
        Batches testImages = new Batches(source.test(), model.normalization(), ExitOutcomes.BATCH, 0);
        try (SmartNetModel original = SmartNetModel.create(config, device.first(), model.seed())) {
            ModelDirectory.loadInto(original, dir, config.size());
            NDManager manager = original.model().getNDManager();
            double before = ExitOutcomes.measure(original.block(), manager, testImages).accuracy(config.size() - 1);
            Importance importance = CandidateTrainer.importance(original, split.validation(), model.normalization());
            Pruning.Pruned pruned = pruning.apply(config, importance);
            try (SmartNetModel cut = SmartNetModel.create(pruned.config(), device.first(), model.seed())) {
                Surgery.transplant(original.block(), pruned, cut.block());
                Batches train = new Batches(split.train().first(fidelity.subset()), model.normalization(),
                        settings.batchSize(), settings.seed(), settings.augmentation());
                new Training(cut.model(), cut.block(), settings, progress).run(train, fidelity.epochs());
                progress.finished();
                ObjectNode extras = model.extras();
                extras.put("id", pruned.config().id());
                extras.put("pruned_from", config.id());
                extras.set("importance", EvaluationJson.importance(importance));
                extras.remove("metrics");
                ModelDirectory.recordData(extras, source);
                ModelDirectory.save(cut, extras, out);
                NDManager cutManager = cut.model().getNDManager();
                double after = ExitOutcomes.measure(cut.block(), cutManager, testImages)
                        .accuracy(pruned.config().size() - 1);
                PolicyFile policy = ModelDirectory.calibrate(out, ExitOutcomes.measure(cut.block(), cutManager,
                        validationImages), CalibrationGoal.DEFAULT);
                return new Pruned(config, pruned.config(), importance, before, after, policy);
            }
        }
    }

    /** @throws InvalidInputException if the data's images or classes are not the model's */
    private DataSource dataFor(String data) {
        DataSource source = Dataset.load(data, directory.config(), directory.seed()).source();
        CandidateTrainer.requireFits("the model in " + directory.dir(), directory.config(), source);
        return source;
    }

    @Override
    public void close() {
        net.close();
    }
}
