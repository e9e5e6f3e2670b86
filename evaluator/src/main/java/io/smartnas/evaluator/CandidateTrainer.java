package io.smartnas.evaluator;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.smartnas.evaluator.data.Batches;
import io.smartnas.evaluator.data.DataSource;
import io.smartnas.evaluator.data.ImageSet;
import io.smartnas.evaluator.data.Normalization;
import io.smartnas.evaluator.data.Split;
import io.smartnas.evaluator.anytime.AnytimeLatency;
import io.smartnas.evaluator.anytime.ExitOutcomes;
import io.smartnas.evaluator.measure.DeviceMemory;
import io.smartnas.evaluator.measure.FittedThreads;
import io.smartnas.evaluator.measure.Timing;
import io.smartnas.evaluator.net.Extraction;
import io.smartnas.evaluator.net.ImportanceMeter;
import io.smartnas.evaluator.net.SmartNetModel;
import io.smartnas.evaluator.train.Training;
import io.smartnas.evaluator.TrainingProgress;
import io.smartnas.space.run.TrainingMode;
import io.smartnas.space.run.TrainingSettings;
import io.smartnas.space.InvalidInputException;
import io.smartnas.space.SmartNetConfig;
import io.smartnas.space.cost.Cost;
import io.smartnas.space.cost.CostModel;
import io.smartnas.space.cost.ExitCost;
import io.smartnas.space.evaluation.Evaluation;
import io.smartnas.space.evaluation.Assignment;
import io.smartnas.space.evaluation.EvaluationStatus;
import io.smartnas.space.evaluation.ExitMetrics;
import io.smartnas.space.evaluation.Fidelity;
import io.smartnas.space.importance.Importance;
import io.smartnas.space.supernet.SubnetChannels;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Trains one candidate on one device and measures it at every exit, and under the exit policy calibrated on its
 * validation images for {@link CalibrationGoal#DEFAULT}. Thread-safe: the split and its normalisation are
 * made once and only read afterwards, and each call builds its own network.
 */
final class CandidateTrainer {
    /** Validation images timed one at a time for the anytime latency under the calibrated exit policy. */
    private static final int ANYTIME_LATENCY_IMAGES = 50;
    /** Validation images the importance of a trained network's inputs and layers is measured on. */
    private static final int IMPORTANCE_IMAGES = 256;

    private final EvaluationSetup setup;
    private final Split split;
    private final Normalization normalization;

    CandidateTrainer(EvaluationSetup setup) {
        this.setup = setup;
        this.split = Split.standard(setup.data().train(), setup.training().seed());
        this.normalization = split.train().statistics();
    }

    public EvaluationSetup setup() {
        return setup;
    }

    /** The normalisation of the training split, which a saved model needs to classify new images the same way. */
    public Normalization normalization() {
        return normalization;
    }

    /**
     * Trains {@code config} at {@code fidelity} on {@code device} and measures it.
     *
     * @throws InvalidInputException                               if the config does not fit the data
     * @throws io.smartnas.evaluator.DivergedException if the loss becomes NaN or infinite
     */
    public TrainedCandidate train(SmartNetConfig config, Fidelity fidelity, Device device, TrainingProgress progress) {
        return train(config, fidelity, null, device, progress);
    }

    /**
     * Trains {@code config} for at most {@code fidelity} and at most {@code budget} of training, and measures it. The
     * evaluation records the fidelity it got: when the budget ends training early, whole epochs done, or part of the
     * first as a subset; its provenance has the exact number of images trained on.
     *
     * <p>A loss that goes NaN while the allocator's zero fill is off may be the engine's hazard that the probe at load
     * missed ({@link TorchRuntime}): the fill is turned on and the candidate trained once more from the start.
     *
     * @param budget the most time training may take, or null for none
     * @throws InvalidInputException                               if the config does not fit the data
     * @throws io.smartnas.evaluator.DivergedException if the loss becomes NaN or infinite
     */
    public TrainedCandidate train(SmartNetConfig config, Fidelity fidelity, Duration budget, Device device,
                                  TrainingProgress progress) {
        return train(Assignment.fresh(config, fidelity), budget, device, progress);
    }

    /**
     * Trains the assignment's network, starting from its checkpoint's exit groups when it names one, for at most its
     * fidelity and at most {@code budget} of training, and measures it (see {@link #train(SmartNetConfig, Fidelity,
     * Duration, Device, TrainingProgress)}).
     *
     * @throws InvalidInputException if the config does not fit the data, or the checkpoint is missing, damaged or of
     *                               other first columns
     */
    public TrainedCandidate train(Assignment assignment, Duration budget, Device device, TrainingProgress progress) {
        try {
            return trainOnce(assignment, budget, device, progress);
        } catch (DivergedException e) {
            if (!TorchRuntime.zeroFillAfterNan()) {
                throw e;
            }
            return trainOnce(assignment, budget, device, progress);
        }
    }

    /** The images {@code fidelity} trains on, counted once per pass. */
    long images(Fidelity fidelity) {
        int n = split.train().size();
        return (long) fidelity.epochs() * (fidelity.subset() == 0 ? n : Math.min(fidelity.subset(), n));
    }

    private TrainedCandidate trainOnce(Assignment assignment, Duration budget, Device device,
                                       TrainingProgress progress) {
        SmartNetConfig config = assignment.config();
        Fidelity fidelity = assignment.fidelity();
        requireFits("the config", config, setup.data());
        TrainingSettings training = setup.training();
        refuseBeyondDevice(config, training.batchSize(), device);
        Instant started = Instant.now();
        SmartNetModel model = SmartNetModel.create(config, device, training.seed());
        try (FittedThreads threads = FittedThreads.on(device)) {
            if (fidelity.inherits()) {
                inherit(model, fidelity.supernet());
            } else if (assignment.startFrom() != null) {
                ModelDirectory.loadInto(model, assignment.startFrom(), assignment.startGroups());
            }
            TrainingProgress fitting = fitting(progress, threads);
            ImageSet images = split.train().first(fidelity.subset());
            long trained = 0;
            double trainingSeconds = 0;
            Fidelity got = fidelity;
            if (fidelity.epochs() > 0) {
                Batches train = new Batches(images, normalization, training.batchSize(), training.seed(),
                        training.augmentation());
                long start = System.nanoTime();
                trained = new Training(model.model(), model.block(), training, fitting).run(train, fidelity.epochs(),
                        timeOf(fidelity, budget));
                trainingSeconds = (System.nanoTime() - start) / 1e9;
                int phases = training.mode() == TrainingMode.JOINT ? 1 : config.size();
                got = fidelity.timed() && (budget == null || budget.getSeconds() >= fidelity.seconds()) ? fidelity
                        : achieved(fidelity, trained / phases, images.size()).after(fidelity.supernet());
            }
            fitting.measuring();
            return measure(model, got, started, images.size(), trainingSeconds, trained, threads.label());
        } catch (RuntimeException | Error e) {
            model.close();
            throw e;
        }
    }

    /**
     * Gives {@code model} the weights of its channels in the supernet {@code id} names, then recalibrates its batch
     * norms ({@link SupernetCut#recalibrate}).
     *
     * @throws IllegalStateException if this trainer has no supernet, or another one
     */
    private void inherit(SmartNetModel model, String id) {
        SupernetWeights supernet = setup.supernet();
        if (supernet == null || !supernet.id().equals(id)) {
            throw new IllegalStateException("the candidate is to inherit from supernet " + id + ", but the evaluator "
                    + (supernet == null ? "has none" : "has " + supernet.id()));
        }
        SmartNetModel from = supernet.model();
        Extraction.transplant(from.block(), SubnetChannels.of(from.config(), model.config()), model.block());
        SupernetCut.recalibrate(model, split.train(), normalization);
    }

    /** {@code progress}, fitting the engine's threads to the machine's load before each step and before measuring. */
    private static TrainingProgress fitting(TrainingProgress progress, FittedThreads threads) {
        return new TrainingProgress() {
            @Override
            public void step(int phase, int phases, int step, int steps, float loss) {
                threads.fit();
                progress.step(phase, phases, step, steps, loss);
            }

            @Override
            public void epoch(int epoch, int epochs) {
                progress.epoch(epoch, epochs);
            }

            @Override
            public void measuring() {
                threads.fit();
                progress.measuring();
            }

            @Override
            public void finished() {
                progress.finished();
            }
        };
    }

    /**
     * Refuses, before anything is allocated, a network that the cost model says cannot train on the device.
     *
     * @throws InvalidInputException saying how much the network needs and how much the device has
     */
    static void refuseBeyondDevice(SmartNetConfig config, int batch, Device device) {
        long needed = CostModel.of(config).trainingBytesAtLeast(batch);
        long available = DeviceMemory.total(device);
        if (needed > available) {
            throw new InvalidInputException(String.format(Locale.ROOT, "network %s needs at least %.1f GB "
                    + "to train at batch %d (weights, gradients and optimizer state by the cost model, and one "
                    + "batch of activations), more than the %.1f GB of %s", config.id(), needed / 1e9, batch,
                    available / 1e9, device));
        }
    }

    /**
     * Refuses data whose images or classes are not those {@code config} (what {@code what} names) is for.
     *
     * @throws InvalidInputException naming both shapes and class counts
     */
    static void requireFits(String what, SmartNetConfig config, DataSource data) {
        ImageSet images = data.train();
        if (!config.input().equals(images.shape()) || config.classes() != images.classes()) {
            throw new InvalidInputException(what + " is for " + config.input() + " images in " + config.classes()
                    + " classes, but " + data.name() + " has " + images.shape() + " images in " + images.classes()
                    + " classes");
        }
    }

    /** How long training may take: the fidelity's time when it has one, the budget when it is shorter. */
    static Duration timeOf(Fidelity fidelity, Duration budget) {
        if (!fidelity.timed()) {
            return budget;
        }
        Duration own = Duration.ofSeconds(fidelity.seconds());
        return budget == null || budget.compareTo(own) > 0 ? own : budget;
    }

    /**
     * The fidelity {@code images} of training amount to, at most {@code most}, for passes of {@code perEpoch} images:
     * whole epochs done, or part of the first as a subset; without a time limit, since the budget that cut it was not
     * the fidelity's.
     */
    static Fidelity achieved(Fidelity most, long images, int perEpoch) {
        if (images >= (long) most.epochs() * perEpoch && !most.timed()) {
            return most;
        }
        long epochs = Math.min(images / perEpoch, most.epochs());
        return epochs >= 1 ? new Fidelity((int) epochs, most.subset()) : new Fidelity(1, (int) Math.max(1, images));
    }

    private TrainedCandidate measure(SmartNetModel model, Fidelity fidelity, Instant started, int trainImages,
                                     double trainingSeconds, long trainedImages, String threads) {
        var manager = model.model().getNDManager();
        ExitOutcomes validation = ExitOutcomes.measure(model.block(), manager,
                new Batches(split.validation(), normalization, ExitOutcomes.BATCH, 0));
        ExitOutcomes test = setup.testAccuracy() ? ExitOutcomes.measure(model.block(), manager,
                new Batches(setup.data().test(), normalization, ExitOutcomes.BATCH, 0)) : null;
        ExitPolicy policy = CalibrationGoal.DEFAULT.policy(validation);
        AnytimeLatency anytime = AnytimeLatency.measure(model.block(), manager,
                new Batches(split.validation().first(ANYTIME_LATENCY_IMAGES), normalization, 1, 0), policy);
        Timing timing = new Timing(setup.timing());
        Timing.Latency timed = timing.latency(model.block(), manager);
        double[] latency = timed.perExitMs();
        double[] throughput = timing.throughput(model.block(), manager);
        Cost cost = CostModel.of(model.config());
        List<ExitMetrics> exits = new ArrayList<>();
        for (ExitCost exit : cost.exits()) {
            int e = exit.exit();
            exits.add(new ExitMetrics(e, validation.accuracy(e), test == null ? Double.NaN : test.accuracy(e),
                    latency[e], throughput[e], exit.params(), exit.buffers(), exit.macs()));
        }
        Map<String, String> provenance = new HashMap<>(RuntimeProvenance.of(model.device()));
        provenance.putAll(setup.training().provenance());
        provenance.put("data", setup.data().name());
        if (fidelity.inherits()) {
            Supernet.Record supernet = setup.supernet().record();
            provenance.put("supernet", String.format(Locale.ROOT, "%s in %s: %,d steps, %.0f s of training",
                    fidelity.supernet(), setup.supernet().dir().toAbsolutePath().normalize(), supernet.steps(),
                    supernet.trainedSeconds()));
            provenance.put("recalibration", "batch norm statistics of " + Math.min(SupernetCut.RECALIBRATION_IMAGES,
                    split.train().size()) + " training images");
        }
        provenance.put("train_images", String.valueOf(trainImages));
        provenance.put("train_split_images", String.valueOf(split.train().size()));
        provenance.put("trained_images", String.valueOf(trainedImages));
        provenance.put("training_seconds", String.format(Locale.ROOT, "%.3f", trainingSeconds));
        provenance.put("intra_op_threads", threads);
        provenance.put("validation_images", String.valueOf(split.validation().size()));
        provenance.put("peak_memory", "cost model: parameter bytes + activation bytes at batch size 1 (DJL exposes "
                + "no allocator statistics)");
        provenance.put("exit_policy", policy.thresholds().toString());
        provenance.put("latency_statistic", "lower quartile of runs interleaved across exits");
        provenance.put("latency_other_cores", String.format(Locale.ROOT, "%.2f", timed.load().otherCores()));
        provenance.put("latency_load_average", String.valueOf(timed.load().loadAverage()));
        provenance.put("latency_under_load", String.valueOf(timed.load().heavy()));
        provenance.put("importance", "|gamma| std(x) / sqrt(var + eps) |w| per input channel, on "
                + Math.min(IMPORTANCE_IMAGES, split.validation().size()) + " validation images");
        return new TrainedCandidate(model, new Evaluation(model.config().id(), fidelity, EvaluationStatus.OK, exits,
                cost.bytes() + cost.activationBytes(), false, model.device().toString(), started, Instant.now(), "",
                provenance, anytime.anytimeMs(), importance(model, split.validation(), normalization)), validation,
                policy, test);
    }

    /** How much a trained network uses each of its inputs and layers, on the first of its validation images. */
    static Importance importance(SmartNetModel model, ImageSet validation, Normalization normalization) {
        Batches sample = new Batches(validation.first(IMPORTANCE_IMAGES), normalization, IMPORTANCE_IMAGES, 0);
        try (NDManager images = model.model().getNDManager().newSubManager()) {
            return ImportanceMeter.of(model.block(), new ParameterStore(images, false),
                    sample.batch(images, sample.inOrder(), 0).head());
        }
    }
}
