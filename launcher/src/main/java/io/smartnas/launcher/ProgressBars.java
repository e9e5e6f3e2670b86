package io.smartnas.launcher;

import io.smartnas.evaluator.train.TrainingProgress;
import io.smartnas.results.GenerationRecord;
import io.smartnas.search.Budget;
import io.smartnas.search.SearchProgress;
import io.smartnas.space.evaluation.Evaluation;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** Progress bars on standard error, so that standard output stays machine-readable. */
final class ProgressBars {
    private ProgressBars() {
    }

    static ProgressBar of(String task, long max) {
        return new ProgressBarBuilder().setTaskName(task).setInitialMax(max).setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).setUpdateIntervalMillis(500)
                .showSpeed().build();
    }

    /** A training run drawn as one bar per phase (one in joint training, one per exit otherwise). */
    static final class Training implements TrainingProgress, AutoCloseable {
        private ProgressBar bar;
        private int phase = -1;

        @Override
        public void step(int phase, int phases, int step, int steps, float loss) {
            if (phase != this.phase) {
                close();
                this.phase = phase;
                bar = of(phases == 1 ? "train" : "train exit " + phase, steps);
            }
            bar.stepTo(step);
            bar.setExtraMessage(String.format(Locale.ROOT, "loss %.4f", loss));
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.close();
                bar = null;
            }
        }
    }

    /**
     * A search drawn as one bar over its evaluation budget, with the generation, the best feasible accuracy so far
     * and the time left (to the time limit, else the estimate of the bar).
     */
    static final class Search implements SearchProgress, AutoCloseable {
        private final ProgressBar bar;
        private final Instant deadline;
        private int generation;
        private String best = "-";

        Search(Budget budget) {
            bar = of("search", budget.evaluations());
            deadline = budget.time() == null ? null : Instant.now().plus(budget.time());
        }

        @Override
        public void generation(int index, int candidates) {
            generation = index;
            update();
        }

        @Override
        public void measured(Evaluation evaluation, int done, int budget) {
            bar.stepTo(done);
            update();
        }

        @Override
        public void recorded(GenerationRecord record) {
            if (record.bestConfigId() != null) {
                best = String.format(Locale.ROOT, "%.4f", record.bestAccuracy());
            }
            update();
        }

        private void update() {
            String left = deadline == null ? "" : String.format(Locale.ROOT, ", <=%dm left",
                    Math.max(0, Duration.between(Instant.now(), deadline).toMinutes()));
            bar.setExtraMessage("gen " + generation + ", best " + best + left);
        }

        @Override
        public void close() {
            bar.close();
        }
    }
}
