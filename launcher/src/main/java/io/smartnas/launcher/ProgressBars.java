package io.smartnas.launcher;

import io.smartnas.evaluator.train.TrainingProgress;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

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
}
