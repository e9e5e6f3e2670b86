package io.smartnas.space.evaluation;

import io.smartnas.space.SmartNetConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Trains and measures candidates, a batch at a time: the batch (a generation), and what {@link MoreWork} offers while
 * devices are free, is the work that an implementation spreads over its devices, or, beyond one machine, over workers.
 *
 * <p>Contract: every candidate of the batch gets exactly one {@link Evaluation}; a candidate that fails or diverges
 * gets one with that status and does not stop the others. {@code onResult} receives each evaluation as soon as it is
 * finished, one call at a time (never concurrently), so that a caller can store it before the batch ends.
 * Implementations say whether they are thread-safe; callers hand them one batch at a time.
 */
public interface Evaluator {
    /**
     * @param batch    candidates to measure, each with its fidelity, what it starts from and where it is kept
     *                 ({@link Assignment}); a candidate whose checkpoint is asked for has it saved before its
     *                 evaluation is handed over
     * @param onResult receives each evaluation as it finishes
     * @return the evaluations in the order of {@code batch}
     */
    List<Evaluation> evaluate(List<Assignment> batch, Consumer<Evaluation> onResult);

    /**
     * Work an evaluator may start when one of its devices is free and the batch has nothing left to start (a
     * promotion that became due, a child bred from the results so far), so that no device waits for the batch's
     * slowest candidate. Asked on one thread at a time, never concurrently with {@code onResult}, and never after
     * {@link #evaluate(List, MoreWork, Consumer)} returned; empty when it has nothing now.
     */
    @FunctionalInterface
    interface MoreWork {
        MoreWork NONE = Optional::empty;

        Optional<Assignment> next();
    }

    /**
     * Evaluates the batch as {@link #evaluate(List, Consumer)} does, and, on devices the batch leaves free, what
     * {@code more} offers, until it offers nothing while a device is free; the extra evaluations go to
     * {@code onResult} only, and the call returns once they are done too. The batch may be empty: then all the work
     * comes from {@code more}. By default (one device), the batch first, then one extra after another.
     *
     * @return the evaluations of {@code batch}, in its order
     */
    default List<Evaluation> evaluate(List<Assignment> batch, MoreWork more, Consumer<Evaluation> onResult) {
        List<Evaluation> results = evaluate(batch, onResult);
        for (Optional<Assignment> extra = more.next(); extra.isPresent(); extra = more.next()) {
            evaluate(List.of(extra.get()), onResult);
        }
        return results;
    }

    /**
     * Trains one candidate for at most {@code fidelity} and at most {@code trainingTime} of training (the learning-rate
     * schedule fitted to whichever ends first), measures every exit on the test images too, and saves it to
     * {@code modelDir} (its config, one parameter file per exit group, and the exit policy calibrated on its
     * validation images). The evaluation records the fidelity it got. Like a candidate of a batch, its own failure is
     * its result, and the run's deadline cuts it.
     *
     * @param trainingTime the most time training may take, or null for none
     * @param modelDir     a directory that does not exist yet or is empty
     * @return the evaluation; the model is saved only when it ended {@link EvaluationStatus#OK}
     */
    Evaluation keep(SmartNetConfig config, Fidelity fidelity, Duration trainingTime, Path modelDir);

    /**
     * An evaluator that spreads its work over several devices or workers: it implements
     * {@link #evaluate(List, MoreWork, Consumer)}, and a batch alone is a batch with no more work.
     */
    interface Spreading extends Evaluator {
        @Override
        default List<Evaluation> evaluate(List<Assignment> batch, Consumer<Evaluation> onResult) {
            return evaluate(batch, MoreWork.NONE, onResult);
        }

        @Override
        List<Evaluation> evaluate(List<Assignment> batch, MoreWork more, Consumer<Evaluation> onResult);
    }
}
