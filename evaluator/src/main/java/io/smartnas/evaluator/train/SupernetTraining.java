package io.smartnas.evaluator.train;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import io.smartnas.evaluator.DivergedException;
import io.smartnas.evaluator.TrainingProgress;
import io.smartnas.evaluator.data.Batches;
import io.smartnas.evaluator.net.Sandwich;
import io.smartnas.evaluator.net.SmartNetBlock;
import io.smartnas.space.InputShape;
import io.smartnas.space.SearchSpace;
import io.smartnas.space.SmartNetConfig;
import io.smartnas.space.evaluation.InterruptedRunException;
import io.smartnas.space.evaluation.Interruption;
import io.smartnas.space.run.TrainingSettings;
import io.smartnas.space.supernet.SpaceNetworks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Trains a space's largest network as a supernet of the space, on time: every step is a {@link Sandwich} step, the
 * largest network learning from the labels and the space's smallest network and {@value #RANDOM_PER_STEP} networks
 * drawn by the space's own sampler ({@link SearchSpace#random}) learning from the largest's answers. The learning rate
 * follows the one-cycle schedule over the whole budget; a training resumed from a checkpoint goes on where the schedule
 * and the order of the images were. Which networks a step draws depends only on the seed and the step's number.
 */
public final class SupernetTraining {
    /** Networks drawn at random per step besides the largest and the smallest (BigNAS's sandwich rule: two). */
    public static final int RANDOM_PER_STEP = 2;

    /**
     * Where a supernet's training stands, what a checkpoint records.
     *
     * @param steps  sandwich steps done
     * @param images training images seen by the largest network
     * @param spent  training time behind it, across every process that trained it
     */
    public record Standing(long steps, long images, Duration spent) {
        /** A training not begun. */
        public static final Standing START = new Standing(0, 0, Duration.ZERO);
    }

    /** Keeps the supernet as it stands, so that a training killed afterwards resumes from there. */
    @FunctionalInterface
    public interface Checkpoint {
        void save(Standing standing);
    }

    private final Model model;
    private final SmartNetBlock block;
    private final SearchSpace space;
    private final TrainingSettings settings;
    private final TrainingProgress progress;

    /**
     * @param model a model whose block is {@code block}, the largest network of {@code space}, on the device to train
     */
    public SupernetTraining(Model model, SmartNetBlock block, SearchSpace space, TrainingSettings settings,
                            TrainingProgress progress) {
        this.model = model;
        this.block = block;
        this.space = space;
        this.settings = settings;
        this.progress = progress;
    }

    /** The networks a step trains besides the largest: the smallest, then those drawn for step {@code step}. */
    public List<SmartNetConfig> drawn(long step) {
        List<SmartNetConfig> subs = new ArrayList<>();
        subs.add(SpaceNetworks.smallest(space.bounds()));
        Random random = new Random(settings.seed() * 1_000_003L + step);
        for (int k = 0; k < RANDOM_PER_STEP; k++) {
            subs.add(space.decode(space.random(random)));
        }
        return subs;
    }

    /**
     * Trains from {@code from} until {@code budget} of training time is behind the supernet, saving a checkpoint every
     * {@code every} and once at the end; a stop the user asked for ({@link Interruption}) saves one too, between two
     * steps.
     *
     * @return where the training stands at its end
     * @throws DivergedException       if a loss is NaN or infinite
     * @throws InterruptedRunException if the user stopped it: resumable from the checkpoint saved then
     */
    public Standing run(Batches train, Duration budget, Standing from, Duration every, Checkpoint checkpoint) {
        OneCycle schedule = OneCycle.onTime(settings.learningRate(), budget, from.spent());
        Optimizer adam = Optimizer.adam().optLearningRateTracker(schedule)
                .optWeightDecays(settings.weightDecay()).build();
        NDManager manager = model.getNDManager();
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(adam).optDevices(new Device[] {manager.getDevice()});
        InputShape in = block.config().input();
        long steps = from.steps();
        long images = from.images();
        try (Trainer trainer = model.newTrainer(config)) {
            trainer.initialize(new Shape(settings.batchSize(), in.channels(), in.height(), in.width()));
            ParameterStore store = new ParameterStore(manager, false);
            Sandwich sandwich = new Sandwich(block);
            long lastSaved = System.nanoTime();
            int epoch = -1;
            int[] order = null;
            while (!schedule.timeUp()) {
                if (Interruption.process().requested()) {
                    Standing stopped = new Standing(steps, images, schedule.spent());
                    checkpoint.save(stopped);
                    throw new InterruptedRunException("the supernet's training stopped after " + steps + " steps and "
                            + stopped.spent().toSeconds() + " s, its checkpoint saved");
                }
                int e = (int) (steps / train.count());
                int b = (int) (steps % train.count());
                if (e != epoch) {
                    epoch = e;
                    order = train.epoch(e);
                    progress.epoch(e + 1, 1);
                }
                List<Float> losses;
                try (NDManager step = manager.newSubManager()) {
                    NDList batch = train.batch(step, order, b);
                    losses = sandwich.step(trainer, store, batch.get(0), batch.get(1), drawn(steps));
                }
                for (float loss : losses) {
                    if (!Float.isFinite(loss)) {
                        throw new DivergedException("supernet loss " + losses + " at step " + steps);
                    }
                }
                steps++;
                images += Math.min(train.batchSize(), order.length - (long) b * train.batchSize());
                progress.step(0, 1, (int) (steps % Integer.MAX_VALUE), train.count(), losses.get(0));
                if (System.nanoTime() - lastSaved >= every.toNanos()) {
                    checkpoint.save(new Standing(steps, images, schedule.spent()));
                    lastSaved = System.nanoTime();
                }
            }
        }
        Standing end = new Standing(steps, images, schedule.spent());
        checkpoint.save(end);
        return end;
    }
}
