package io.smartnas.launcher;

import io.smartnas.app.StepProgress;
import io.smartnas.app.SearchJob;
import io.smartnas.evaluator.Supernet;
import io.smartnas.evaluator.TrainingProgress;
import io.smartnas.evaluator.Classified;
import io.smartnas.results.GenerationRecord;
import io.smartnas.search.Budget;
import io.smartnas.space.SmartNetConfig;
import io.smartnas.space.evaluation.Evaluation;
import io.smartnas.space.evaluation.EvaluationStatus;
import io.smartnas.space.evaluation.Lineage;
import io.smartnas.space.run.Durations;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Progress on standard error, so that standard output stays machine-readable. On a terminal, bars that redraw in
 * place; elsewhere (a pipe, a log file) no redraws: a plain line per event, and the progress as a line every
 * {@link Lines#EVERY} at most, so that a log holds what happened and nothing else.
 */
final class ProgressBars {
    private static final PrintStream ERR = System.err;
    /**
     * Whether standard error is a terminal: {@code ./smartnas} says so ({@code -Dsmartnas.terminal}, from the shell's
     * {@code [ -t 2 ]}); run otherwise, Java's own console test stands in for it.
     */
    static final boolean TERMINAL = Boolean.parseBoolean(System.getProperty("smartnas.terminal",
            String.valueOf(System.console() != null)));

    private ProgressBars() {
    }

    /** Progress towards {@code max} steps: a bar on a terminal, lines elsewhere. */
    interface Meter extends AutoCloseable {
        void stepTo(long done);

        /** What goes after the count: the loss, the best so far, the time left. */
        void message(String message);

        @Override
        void close();
    }

    static Meter of(String task, long max) {
        return of(task, max, true);
    }

    private static Meter of(String task, long max, boolean eta) {
        if (!TERMINAL) {
            return new Lines(task, max);
        }
        ProgressBarBuilder builder = new ProgressBarBuilder().setTaskName(task).setInitialMax(max)
                .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(ERR))
                .setUpdateIntervalMillis(500).continuousUpdate().setMaxRenderedLength(120);
        ProgressBar bar = (eta ? builder.showSpeed() : builder.hideEta()).build();
        return new Meter() {
            @Override
            public void stepTo(long done) {
                bar.stepTo(done);
            }

            @Override
            public void message(String message) {
                bar.setExtraMessage(message);
            }

            @Override
            public void close() {
                bar.close();
            }
        };
    }

    /** Progress as plain lines: {@code task: done/max (p%) message}, at most every {@link #EVERY}, and at the end. */
    static final class Lines implements Meter {
        static final Duration EVERY = Duration.ofSeconds(30);
        private final String task;
        private final long max;
        private volatile long done;
        private volatile String message = "";
        private long printed = System.nanoTime();

        Lines(String task, long max) {
            this.task = task;
            this.max = max;
        }

        @Override
        public void stepTo(long done) {
            this.done = done;
            maybePrint();
        }

        @Override
        public void message(String message) {
            this.message = message;
            maybePrint();
        }

        private synchronized void maybePrint() {
            if (System.nanoTime() - printed >= EVERY.toNanos()) {
                print();
            }
        }

        private synchronized void print() {
            printed = System.nanoTime();
            ERR.println(String.format(Locale.ROOT, "%s: %d/%d (%d%%)%s", task, done, max, max == 0 ? 100
                    : 100 * done / max, message.isEmpty() ? "" : " " + message));
            ERR.flush();
        }

        @Override
        public void close() {
            print();
        }
    }

    /** Progress of a long step of a use case ({@link StepProgress}): a bar on a terminal, lines elsewhere. */
    static StepProgress steps(String task, int steps) {
        Meter meter = of(task, steps);
        return new StepProgress() {
            @Override
            public void stepTo(int done) {
                meter.stepTo(done);
            }

            @Override
            public void close() {
                meter.close();
            }
        };
    }

    /**
     * Progress of classifying a set of images ({@link Classified}): a bar (or lines) made at the first batch, when the
     * number of images is known, and closed at the last.
     */
    static Classified classifying(String task) {
        return new Classified() {
            private Meter meter;

            @Override
            public void soFar(int done, int total) {
                if (meter == null) {
                    meter = of(task, total);
                }
                meter.stepTo(done);
                if (done >= total) {
                    meter.close();
                }
            }
        };
    }

    /** Clears the bar's line on a terminal (ANSI "erase line"); elsewhere there is no bar to clear. */
    private static final String CLEAR_LINE = TERMINAL ? "\r\033[K" : "";

    /** Prints a line: above the bar on a terminal (its line is cleared, and it draws itself again below). */
    private static void above(String line) {
        ERR.print(CLEAR_LINE + line + System.lineSeparator());
        ERR.flush();
    }

    /**
     * A training run drawn as one bar per phase (one in joint training, one per exit otherwise): over its steps, or,
     * when it trains for a time (as many epochs as fit), over the seconds of that time, with the epoch and the step
     * within it.
     */
    static class Training implements TrainingProgress, AutoCloseable {
        private final Duration time;
        /** The part of {@code time} trained before this process (a resumed training). */
        private Duration before = Duration.ZERO;
        private Meter bar;
        private int phase = -1;
        private long phaseStarted;
        private int epoch;
        private int epochs;

        Training() {
            this(null);
        }

        /** @param time what the training may take, or null when it trains for a number of epochs */
        Training(Duration time) {
            this.time = time;
        }

        @Override
        public void epoch(int epoch, int epochs) {
            this.epoch = epoch;
            this.epochs = epochs;
        }

        @Override
        public void step(int phase, int phases, int step, int steps, float loss) {
            if (phase != this.phase) {
                close();
                this.phase = phase;
                phaseStarted = System.nanoTime();
                String task = phases == 1 ? "train" : "train exit " + phase;
                bar = time == null ? of(task, steps) : of(task + " (" + Durations.text(time) + ", seconds)",
                        time.toSeconds(), false);
            }
            if (time == null) {
                bar.stepTo(step);
                bar.message(String.format(Locale.ROOT, "loss %.4f", loss));
                return;
            }
            long elapsed = Duration.ofNanos(System.nanoTime() - phaseStarted).plus(before).toSeconds();
            int perEpoch = Math.max(1, epochs > 0 ? steps / epochs : steps);
            bar.stepTo(Math.min(elapsed, time.toSeconds()));
            bar.message(String.format(Locale.ROOT, "epoch %d, step %d/%d, loss %.4f", epoch, (step - 1) % perEpoch + 1,
                    perEpoch, loss));
        }

        @Override
        public void measuring() {
            close();
            above("measuring accuracy per exit, latency and the exit policy ...");
        }

        @Override
        public void finished() {
            close();
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.close();
                bar = null;
            }
        }

        /** The bar starts {@code trained} into the training's time: a resumed training's. */
        void startAt(Duration trained) {
            before = trained;
        }
    }

    /** A supernet's training: the bar of a training on time, which a resumed one starts where its checkpoint was. */
    static final class SupernetTraining extends Training implements Supernet.Progress {
        SupernetTraining(Duration time) {
            super(time);
        }

        @Override
        public void resumed(Supernet.Record record) {
            above(String.format(Locale.ROOT, "%s the supernet's training: %s of %s trained, %,d steps (%s)",
                    record.finished() ? "already done:" : "resuming", Durations.text(Duration.ofSeconds(
                    Math.round(record.trainedSeconds()))), Durations.text(Duration.ofSeconds(record.budgetSeconds())),
                    record.steps(), record.checkpoint()));
            startAt(Duration.ofMillis(Math.round(record.trainedSeconds() * 1000)));
        }
    }

    /**
     * A search drawn as one bar over its evaluation budget that ticks every second: the best accuracy from the first
     * measured candidate on (of the feasible ones once there is one; marked when none meets the targets yet), the
     * time left to the run's real deadline, the generation, and the candidate in training (its step, or that it is
     * being measured). Each finished candidate, and the final training, gets a line above the bar.
     */
    static final class Search implements SearchJob.Progress {
        private final Meter bar;
        /** Workers connected and busy, when the search has a cluster; empty otherwise. */
        private volatile String workers = "";
        private final ScheduledExecutorService ticker;
        private volatile Instant deadline;
        private volatile int generation;
        private volatile String training = "";
        private volatile double best = Double.NaN;
        private volatile boolean bestFeasible;
        /** The run's time, when it has one: then the bar counts its seconds, the phase and candidates beside it. */
        private final Duration time;
        private final int evaluations;
        private volatile int done;
        private volatile String phase = "searching";

        Search(Budget budget) {
            time = budget.time();
            evaluations = budget.evaluations();
            bar = time == null ? of("search", evaluations, false) : of("run (" + Durations.text(time) + ")",
                    time.toSeconds(), false);
            ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "smartnas-progress");
                thread.setDaemon(true);
                return thread;
            });
            ticker.scheduleAtFixedRate(this::update, 1, 1, TimeUnit.SECONDS);
        }

        @Override
        public void started(Instant runDeadline) {
            deadline = runDeadline;
            update();
        }

        @Override
        public void workers(int connected, int busy) {
            workers = connected + " worker(s), " + busy + " busy";
        }

        @Override
        public void said(String line) {
            above(line);
        }

        @Override
        public void generation(int index, int candidates) {
            generation = index;
            update();
        }

        /** The checkpoints kept when last said, so that a generation that changed none prints nothing. */
        private int checkpointsKept;

        @Override
        public TrainingProgress started(SmartNetConfig config, String device) {
            String id = config.id().substring(0, 8);
            training = "training " + id;
            update();
            long started = System.nanoTime();
            // The seconds it has trained, and its step within the epoch: the epochs a fidelity gives are a cap, which
            // a fidelity of equal time ends long before (1 epoch of 100 trained in 15 s), so they are not shown
            return new TrainingProgress() {
                private int epoch;
                private int epochs;

                @Override
                public void epoch(int epoch, int epochs) {
                    this.epoch = epoch;
                    this.epochs = epochs;
                }

                @Override
                public void step(int phase, int phases, int step, int steps, float loss) {
                    int perEpoch = Math.max(1, epochs > 0 ? steps / epochs : steps);
                    training = String.format(Locale.ROOT, "training %s%s %d s: epoch %d, step %d/%d", id,
                            phases > 1 ? " exit " + phase : "", (System.nanoTime() - started) / 1_000_000_000L,
                            epoch, (step - 1) % perEpoch + 1, perEpoch);
                }

                @Override
                public void measuring() {
                    training = "measuring " + id;
                }
            };
        }

        /** Whether a candidate not started for lack of time was said, and how many more were since. */
        private boolean notStartedSaid;
        private int notStartedSince;

        @Override
        public void measured(Evaluation e, Lineage lineage, long params, boolean feasible, int done, int budget) {
            training = "";
            if (e.status() == EvaluationStatus.CUT && String.valueOf(e.error()).startsWith("not started")) {
                if (notStartedSaid) {
                    notStartedSince++; // the first says why; the rest are counted, then said in one line
                    return;
                }
                notStartedSaid = true;
            } else {
                sayNotStarted();
            }
            double accuracy = e.ok() ? e.lastExit().validationAccuracy() : Double.NaN;
            if (e.ok() && (feasible && !bestFeasible || feasible == bestFeasible && !(accuracy <= best))) {
                best = accuracy;
                bestFeasible = feasible;
            }
            String what = e.ok() ? String.format(Locale.ROOT, "accuracy %.4f, %.2f ms, %,d params%s", e.lastExit()
                    .validationAccuracy(), e.lastExit().latencyMs(), params, feasible ? ""
                    : ", misses a target") : e.error();
            String reused = e.provenance().containsKey("reused_evaluation") ? " (measured before)" : "";
            String rung = lineage.rung() > 0 ? String.format(Locale.ROOT, " rung %d (%s)", lineage.rung(),
                    e.fidelity()) : lineage.inherited() ? String.format(Locale.ROOT, " (inherits %d exit group(s) "
                    + "from evaluation %d)", lineage.inheritedGroups(), lineage.startedFrom()) : "";
            above(String.format(Locale.ROOT, "%3d/%d %s%s %s%s: %s", done, budget, e.configId(), rung,
                    e.status().label(), reused, what));
            this.done = done;
            if (time == null) {
                bar.stepTo(done);
            }
            update();
        }

        @Override
        public void checkpoints(int kept, long bytes, int deleted) {
            if (deleted > 0 || kept != checkpointsKept) {
                above(String.format(Locale.ROOT, "checkpoints: %d kept, %.1f MB on disk%s", kept, bytes / 1e6,
                        deleted > 0 ? ", " + deleted + " deleted" : ""));
            }
            checkpointsKept = kept;
        }

        @Override
        public void recorded(GenerationRecord record) {
            update();
        }

        @Override
        public void finalTraining(String what) {
            sayNotStarted();
            phase = "final training";
            above(what);
        }

        /** One line for the candidates not started for lack of time since the first, which said why. */
        private void sayNotStarted() {
            if (notStartedSince > 0) {
                above(String.format(Locale.ROOT, "    and %d more candidate(s) not started: they would not be "
                        + "measured in the time left", notStartedSince));
                notStartedSince = 0;
            }
        }

        /** The best and the time left come first: a narrow console (or a log file) cuts the end of the line. */
        private void update() {
            StringBuilder message = new StringBuilder(phase).append(" | best validation ").append(Double.isNaN(best)
                    ? "-" : String.format(Locale.ROOT, "%.4f%s", best, bestFeasible ? "" : " (misses a target)"));
            Instant end = deadline;
            if (end != null) {
                Duration left = Duration.between(Instant.now(), end);
                message.append(left.isNegative() ? " | time is up, ending" : String.format(Locale.ROOT,
                        " | %dm%02ds left", left.toMinutes(), left.toSecondsPart()));
                if (time != null) {
                    bar.stepTo(Math.max(0, Math.min(time.toSeconds(), time.minus(left).toSeconds())));
                }
            }
            if (time != null) {
                message.append(" | ").append(done).append('/').append(evaluations).append(" candidates");
            }
            message.append(" | gen ").append(generation);
            if (!workers.isEmpty()) {
                message.append(" | ").append(workers);
            }
            if (!training.isEmpty()) {
                message.append(" | ").append(training);
            }
            bar.message(message.toString());
        }

        @Override
        public void close() {
            ticker.shutdownNow();
            sayNotStarted();
            bar.close();
        }
    }
}
