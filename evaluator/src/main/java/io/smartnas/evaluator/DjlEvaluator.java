package io.smartnas.evaluator;

import ai.djl.Device;
import ai.djl.engine.EngineException;
import ai.djl.pytorch.jni.JniUtils;
import io.smartnas.evaluator.DivergedException;
import io.smartnas.space.InvalidInputException;
import io.smartnas.space.SmartNetConfig;
import io.smartnas.space.cost.CostModel;
import io.smartnas.space.evaluation.Assignment;
import io.smartnas.space.evaluation.Evaluation;
import io.smartnas.space.evaluation.EvaluationStatus;
import io.smartnas.space.evaluation.Evaluator;
import io.smartnas.space.evaluation.Fidelity;
import io.smartnas.space.evaluation.InterruptedRunException;
import io.smartnas.space.evaluation.Interruption;
import io.smartnas.space.evaluation.TimeUpException;
import io.smartnas.space.run.EvaluationSpec;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Trains and measures a batch of candidates with DJL, one candidate per device at a time: a worker per device takes
 * the next candidate of the batch until none is left. The CPU and every GPU go through the same code. A candidate
 * whose loss diverges ends {@code diverged}; one that runs out of memory, is too large for its device, or meets any
 * other error ends {@code failed} with the reason; neither stops the batch. Once the run's deadline passes, the
 * candidates in flight and those not started end {@code cut}; so does one that, by the time the candidates this
 * evaluator finished took ({@link EvaluationTime}), would not be measured before the deadline. A candidate may start
 * from a checkpoint's exit groups and have its trained network saved as a checkpoint ({@link Assignment}); the
 * checkpoint is written before its evaluation is handed over, so a stored evaluation's checkpoint exists. Not thread-safe: one batch at a time.
 */
public final class DjlEvaluator implements Evaluator.Spreading {
    private final CandidateTrainer trainer;
    private final List<Device> devices;
    private final CandidateProgress progress;
    private final EvaluationTime time = new EvaluationTime();
    /** The trainer of {@link #keep}, which classifies the test images too; made on first use. */
    private CandidateTrainer keeping;

    DjlEvaluator(CandidateTrainer trainer, List<Device> devices) {
        this(trainer, devices, CandidateProgress.NONE);
    }

    DjlEvaluator(CandidateTrainer trainer, List<Device> devices, CandidateProgress progress) {
        this.progress = Objects.requireNonNull(progress, "progress");
        this.trainer = Objects.requireNonNull(trainer, "trainer");
        this.devices = List.copyOf(devices);
        if (this.devices.isEmpty()) {
            throw new IllegalArgumentException("an evaluator needs at least one device");
        }
    }

    /**
     * The evaluator of a search: every candidate evaluated as {@code spec} says, on the devices {@code device} means;
     * cut from the spec's supernet when it names one.
     *
     * @throws InvalidInputException if the data is not the data the spec was made on, the devices are not of its
     *                               class (a run measured on a GPU goes on on a GPU), or its supernet is missing or
     *                               not the one it names
     */
    public static DjlEvaluator of(EvaluationSpec spec, Dataset data, DeviceSpec device, CandidateProgress progress) {
        data.check(spec.dataChecksum());
        device.check(spec.deviceClass());
        EvaluationSetup setup = new EvaluationSetup(data.source(), spec.training(), spec.timing(), false,
                spec.supernet() == null ? null : supernet(spec));
        return new DjlEvaluator(new CandidateTrainer(setup), device.devices(), progress);
    }

    /**
     * The supernet a spec's candidates are cut from, loaded once for every candidate of the run (and freed with the
     * process).
     *
     * @throws InvalidInputException if it is not the supernet the run started with (trained further since)
     */
    private static SupernetWeights supernet(EvaluationSpec spec) {
        SupernetWeights supernet = SupernetWeights.open(Path.of(spec.supernet()));
        if (!supernet.id().equals(spec.fidelity().supernet())) {
            supernet.close();
            throw new InvalidInputException(spec.supernet() + ": the supernet there is " + supernet.id() + ", but "
                    + "the run's candidates were cut from " + spec.fidelity().supernet() + " (was it trained further "
                    + "since?); its results would not compare, so start a new search");
        }
        return supernet;
    }

    /** Versions, machine and devices of this evaluator, as a JSON object to store with a run. */
    public String provenance() {
        return RuntimeProvenance.json(devices);
    }

    /**
     * A worker per device takes the batch's next candidate, and when the batch has none left, what {@code more}
     * offers; a worker stops when both have nothing. {@code more} and {@code onResult} are called under one lock. The
     * workers start with the engine's intra-op threads of the calling thread (the engine keeps that setting per
     * thread).
     */
    @Override
    public List<Evaluation> evaluate(List<Assignment> batch, MoreWork more, Consumer<Evaluation> onResult) {
        Evaluation[] results = new Evaluation[batch.size()];
        AtomicInteger next = new AtomicInteger();
        Object reporting = new Object();
        TorchRuntime.engine();
        int threads = JniUtils.getNumThreads();
        ExecutorService workers = Executors.newFixedThreadPool(devices.size(), runnable -> {
            Thread thread = new Thread(() -> {
                JniUtils.setNumThreads(threads);
                runnable.run();
            }, "smartnas-evaluator");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> running = devices.stream().<Future<?>>map(device -> workers.submit(() -> {
                while (true) {
                    Interruption.process().checkRequested();
                    int i = next.getAndIncrement();
                    Assignment a;
                    if (i < batch.size()) {
                        a = batch.get(i);
                    } else {
                        synchronized (reporting) {
                            a = more.next().orElse(null);
                        }
                        if (a == null) {
                            return;
                        }
                    }
                    Evaluation e = evaluate(a, device);
                    if (i < batch.size()) {
                        results[i] = e;
                    }
                    synchronized (reporting) {
                        onResult.accept(e);
                    }
                }
            })).toList();
            for (Future<?> worker : running) {
                worker.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while evaluating a batch", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            workers.shutdownNow();
        }
        return Arrays.asList(results);
    }

    /** One assignment on one device: cut if it would not be measured in time, its checkpoint saved when asked. */
    private Evaluation evaluate(Assignment a, Device device) {
        // At a fidelity of equal time every candidate trains as long, and only its measuring grows with its MACs; so
        // does a network cut from a supernet, which does not train.
        boolean untimed = !a.fidelity().timed() && a.fidelity().epochs() > 0;
        double work = (double) CostModel.of(a.config()).macs() * (untimed ? trainer.images(a.fidelity()) : 1);
        String late = late(work);
        return late != null ? unsuccessful(a.config(), a.fidelity(), device, Instant.now(), EvaluationStatus.CUT,
                "not started: " + late)
                : evaluate(a, null, device, trainer, trained -> {
                    time.record(work, Duration.between(trained.evaluation().started(), Instant.now())
                            .toMillis() / 1000.0);
                    if (a.checkpoint() != null) {
                        ModelDirectory.saveCheckpoint(trained, trainer, a.checkpoint());
                    }
                });
    }

    /** Why a candidate must not start, or null: the run's time is up, or it would not be measured before the end. */
    private String late(double work) {
        if (Interruption.process().timeUp()) {
            return "the search's time was up";
        }
        Duration left = Interruption.process().timeLeft();
        OptionalDouble needs = time.predict(work);
        if (left != null && needs.isPresent() && needs.getAsDouble() > left.toMillis() / 1000.0) {
            return String.format(Locale.ROOT, "it would take about %.0f s here, and the search has %d s left",
                    needs.getAsDouble(), left.toSeconds());
        }
        return null;
    }

    @Override
    public Evaluation keep(SmartNetConfig config, Fidelity fidelity, Duration trainingTime, Path modelDir) {
        if (keeping == null) {
            keeping = new CandidateTrainer(trainer.setup().withTestAccuracy());
        }
        CandidateTrainer measuring = keeping;
        if (Interruption.process().timeUp()) {
            return unsuccessful(config, fidelity, devices.get(0), Instant.now(), EvaluationStatus.CUT,
                    "not started: the run's time was up");
        }
        return evaluate(Assignment.fresh(config, fidelity), trainingTime, devices.get(0), measuring,
                trained -> ModelDirectory.saveTrained(trained, measuring, trained.evaluation().fidelity(), modelDir));
    }

    /** What happens to a candidate once it is trained and measured, before its network is freed. */
    private interface AfterTraining {
        void accept(TrainedCandidate trained) throws IOException;
    }

    private Evaluation evaluate(Assignment assignment, Duration budget, Device device, CandidateTrainer with,
                                AfterTraining then) {
        SmartNetConfig config = assignment.config();
        Fidelity fidelity = assignment.fidelity();
        Instant started = Instant.now();
        try (TrainedCandidate trained = with.train(assignment, budget, device,
                progress.started(config, device.toString()))) {
            then.accept(trained);
            return trained.evaluation();
        } catch (DivergedException e) {
            return unsuccessful(config, fidelity, device, started, EvaluationStatus.DIVERGED, e.getMessage());
        } catch (EngineException e) {
            String reason = e.getMessage() != null && e.getMessage().toLowerCase(Locale.ROOT).contains("out of memory")
                    ? "out of memory on " + device + ": " + e.getMessage() : "engine error: " + e.getMessage();
            return unsuccessful(config, fidelity, device, started, EvaluationStatus.FAILED, reason);
        } catch (OutOfMemoryError e) {
            return unsuccessful(config, fidelity, device, started, EvaluationStatus.FAILED,
                    "out of Java heap: " + e.getMessage());
        } catch (IOException e) {
            return unsuccessful(config, fidelity, device, started, EvaluationStatus.FAILED,
                    "could not save the model: " + e.getMessage());
        } catch (TimeUpException e) {
            return unsuccessful(config, fidelity, device, started, EvaluationStatus.CUT,
                    "cut in flight: the run's time was up");
        } catch (InterruptedRunException e) {
            throw e;
        } catch (RuntimeException e) {
            // The contract: one candidate's failure, whatever it is, is that candidate's result; the batch goes on.
            return unsuccessful(config, fidelity, device, started, EvaluationStatus.FAILED,
                    e.getMessage() != null ? e.getMessage() : e.toString());
        }
    }

    private Evaluation unsuccessful(SmartNetConfig config, Fidelity fidelity, Device device, Instant started,
                                    EvaluationStatus status, String reason) {
        Map<String, String> provenance = new HashMap<>(RuntimeProvenance.of(device));
        provenance.putAll(trainer.setup().training().provenance());
        provenance.put("data", trainer.setup().data().name());
        return Evaluation.unsuccessful(config.id(), fidelity, status, reason, device.toString(), started,
                Instant.now(), provenance);
    }
}
