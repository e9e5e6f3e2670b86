package io.smartnas.evaluator.train;

import io.smartnas.evaluator.DivergedException;
import io.smartnas.evaluator.TrainingProgress;
import io.smartnas.space.run.TrainingMode;
import io.smartnas.space.run.TrainingSettings;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import io.smartnas.evaluator.data.Batches;
import io.smartnas.evaluator.net.SmartNetBlock;
import io.smartnas.space.InputShape;

import java.time.Duration;

/**
 * Trains the SmartNet of a model in place. Each step runs in its own NDManager, and the forward pass in an inner one
 * that is closed before {@code backward}: only the loss is kept, autograd keeps what it needs, and native memory is
 * handed back every step instead of growing. Adam's state lives on the parameters' manager, outside both scopes.
 */
public final class Training {
    private final Model model;
    private final SmartNetBlock block;
    private final TrainingSettings settings;
    private final TrainingProgress progress;
    private final StepTime time = new StepTime();

    /**
     * @param model a model whose block is {@code block}, initialised on the device to train on
     */
    public Training(Model model, SmartNetBlock block, TrainingSettings settings, TrainingProgress progress) {
        this.model = model;
        this.block = block;
        this.settings = settings;
        this.progress = progress;
    }

    /** Where the time of this training's steps went so far: forward pass and loss, backward pass, parameter update. */
    public StepTime time() {
        return time;
    }

    /**
     * Trains for {@code epochs} passes over {@code train} (per exit, in exit-by-exit training).
     *
     * @throws DivergedException if a loss is NaN or infinite
     */
    public void run(Batches train, int epochs) {
        run(train, epochs, null);
    }

    /**
     * Trains for at most {@code epochs} passes over {@code train} and at most {@code budget} (shared evenly by the
     * phases of exit-by-exit training), with the learning-rate schedule fitted to whichever ends first.
     *
     * @param budget the most time training may take, or null for none
     * @return the images trained on (each counted once per pass and per phase)
     * @throws DivergedException if a loss is NaN or infinite
     */
    public long run(Batches train, int epochs, Duration budget) {
        int exits = block.config().size();
        if (settings.mode() == TrainingMode.JOINT) {
            return phase(train, epochs, exits, 0, 0, 1, budget);
        }
        long images = 0;
        for (int exit = 0; exit < exits; exit++) {
            images += trainExit(train, epochs, exit, exits, budget == null ? null : budget.dividedBy(exits));
        }
        return images;
    }

    /**
     * Trains exit group {@code exit} alone, with its exit's loss, for {@code epochs} passes: the groups before it are
     * frozen and run as in inference, so the earlier exits answer exactly as before. This is how a grown model
     * trains its new column.
     *
     * @throws DivergedException if a loss is NaN or infinite
     */
    public void runExit(Batches train, int epochs, int exit) {
        trainExit(train, epochs, exit, 1, null);
    }

    private long trainExit(Batches train, int epochs, int exit, int phases, Duration budget) {
        try {
            setFrozen(exit, true);
            return phase(train, epochs, exit + 1, exit, phases == 1 ? 0 : exit, phases, budget);
        } finally {
            setFrozen(exit, false);
        }
    }

    /** Freezes (or thaws) the parameters of exit groups {@code 0..groups-1}. */
    private void setFrozen(int groups, boolean frozen) {
        for (int g = 0; g < groups; g++) {
            for (Block b : block.group(g)) {
                b.getParameters().values().stream()
                        .filter(p -> p.getType() != Parameter.Type.RUNNING_MEAN
                                && p.getType() != Parameter.Type.RUNNING_VAR)
                        .forEach(p -> p.freeze(frozen));
            }
        }
    }

    private long phase(Batches train, int epochs, int exits, int trainFrom, int phase, int phases,
                       Duration budget) {
        int steps = epochs * train.count();
        OneCycle schedule = new OneCycle(settings.learningRate(), steps, budget);
        Optimizer adam = Optimizer.adam().optLearningRateTracker(schedule)
                .optWeightDecays(settings.weightDecay()).build();
        NDManager manager = model.getNDManager();
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(adam).optDevices(new ai.djl.Device[] {manager.getDevice()});
        InputShape in = block.config().input();
        try (Trainer trainer = model.newTrainer(config)) {
            trainer.initialize(new Shape(settings.batchSize(), in.channels(), in.height(), in.width()));
            ParameterStore store = new ParameterStore(manager, false);
            int step = 0;
            long images = 0;
            training:
            for (int epoch = 0; epoch < epochs; epoch++) {
                progress.epoch(epoch + 1, epochs);
                int[] order = train.epoch(phase * epochs + epoch);
                for (int b = 0; b < train.count(); b++) {
                    float loss = step(trainer, store, train, order, b, exits, trainFrom);
                    if (!Float.isFinite(loss)) {
                        throw new DivergedException("loss " + loss + " at step " + step + " of exit phase " + phase);
                    }
                    images += Math.min(train.batchSize(), order.length - b * train.batchSize());
                    progress.step(phase, phases, ++step, steps, loss);
                    if (schedule.timeUp()) {
                        break training;
                    }
                }
            }
            return images;
        }
    }

    private float step(Trainer trainer, ParameterStore store, Batches train, int[] order, int b, int exits,
                       int trainFrom) {
        try (NDManager stepScope = model.getNDManager().newSubManager()) {
            NDArray loss;
            long start = System.nanoTime();
            long forward;
            long backward;
            try (GradientCollector collector = trainer.newGradientCollector()) {
                try (NDManager forwardScope = stepScope.newSubManager()) {
                    NDList batch = train.batch(forwardScope, order, b);
                    NDList logits = block.forward(store, batch.get(0), true, exits, trainFrom);
                    loss = ExitLoss.of(logits, batch.get(1), trainFrom, settings);
                    loss.attach(stepScope);
                }
                forward = System.nanoTime();
                collector.backward(loss);
                backward = System.nanoTime();
            }
            trainer.step();
            float value = loss.getFloat();
            time.add(forward - start, backward - forward, System.nanoTime() - backward);
            return value;
        }
    }
}
