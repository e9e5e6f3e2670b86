package io.smartnas.evaluator;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.smartnas.evaluator.data.Batches;
import io.smartnas.evaluator.data.DataSource;
import io.smartnas.evaluator.data.ImageSet;
import io.smartnas.evaluator.measure.ProcessMemory;
import io.smartnas.evaluator.measure.Timing;
import io.smartnas.evaluator.net.SmartNetModel;
import io.smartnas.evaluator.train.StepTime;
import io.smartnas.evaluator.train.Training;
import io.smartnas.space.InvalidInputException;
import io.smartnas.space.SmartNetConfig;
import io.smartnas.space.cost.Cost;
import io.smartnas.space.cost.CostModel;
import io.smartnas.space.cost.ExitCost;
import io.smartnas.space.run.TimingSettings;
import io.smartnas.space.run.TrainingSettings;

import java.util.ArrayList;
import java.util.List;

/**
 * How fast a config trains and answers here, on synthetic data: training images per second and achieved GFLOP/s
 * (6 FLOPs per MAC of a forward pass through every exit: 2 forward, twice that backward), resident memory along the
 * way, where a timed step's milliseconds went (forward pass and loss, backward pass, parameter update), and the
 * latency and GFLOP/s (2 per MAC) of every exit.
 */
public final class Bench {
    /** Resident memory is reported at this step, once the allocator has settled, and every {@link #TRACE_EVERY}. */
    public static final int EARLY_STEP = 200;
    public static final int TRACE_EVERY = 100;
    /** Timed forward passes at the bench's batch size. */
    public static final int FORWARD_RUNS = 5;

    private Bench() {
    }

    /**
     * What a bench measured. Memory figures are megabytes; a malloc figure is null where glibc cannot report it. The
     * forward-only images per second are through the last exit at the bench's batch size, in inference mode (the best
     * of {@value #FORWARD_RUNS} timed runs); {@code latencyLoad} is how busy the rest of the machine was while the
     * latencies were timed. Page faults are the process's minor faults per timed training step: pages taken fresh from
     * the kernel instead of reused.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Report(String device, int batch, int steps, Integer threads,
                         @JsonProperty("train_images_per_s") double trainImagesPerSecond, double gflops,
                         @JsonProperty("forward_images_per_s") double forwardImagesPerSecond,
                         @JsonProperty("step_ms") StepMs stepMs,
                         @JsonProperty("page_faults_per_step") double pageFaultsPerStep,
                         double rssMbEarly, double rssMbEnd,
                         @JsonProperty("rss_mb_every_100_steps") List<Long> rssMb,
                         @JsonProperty("malloc_in_use_mb_every_100_steps") List<Long> mallocInUseMb,
                         @JsonProperty("malloc_held_mb_every_100_steps") List<Long> mallocHeldMb,
                         List<ExitSpeed> exits, MachineLoad latencyLoad) {
    }

    /**
     * Where a timed training step's milliseconds went: the forward pass with the loss (and the batch's copy), the
     * backward pass, and the parameter update with reading the loss back (on a GPU, where the host waits for it).
     */
    public record StepMs(double forward, double backward, double update) {
    }

    /** Latency at batch size 1 and the GFLOP/s it achieves, at one exit. */
    public record ExitSpeed(int exit, double latencyMs, long macs, double gflops) {
    }

    /**
     * Trains {@code config} for {@code warmup} untimed and {@code steps} timed steps of {@code batch} images, then
     * times every exit.
     *
     * @param threads intra-op threads of the engine, or null for its choice; only honoured when the engine is not
     *                loaded yet in this process
     * @throws InvalidInputException if a count is out of range
     */
    public static Report run(SmartNetConfig config, int batch, int steps, int warmup, Integer threads,
                             DeviceSpec device, TrainingProgress progress) {
        if (batch < 1 || batch > TrainingSettings.MAX_BATCH_SIZE || steps < 1 || warmup < 0) {
            throw new InvalidInputException("--batch-size must be 1.." + TrainingSettings.MAX_BATCH_SIZE
                    + ", --steps positive and --warmup not negative");
        }
        if (threads != null) {
            // Read by the engine when it loads, which happens below for the first time in this process.
            System.setProperty("ai.djl.pytorch.num_threads", threads.toString());
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
        Cost cost = CostModel.of(config);
        TrainingSettings settings = TrainingSettings.DEFAULT;
        int total = warmup + steps;
        ImageSet images = DataSource.synthetic(config.input(), config.classes(), batch * total, 1, settings.seed())
                .train();
        Batches batches = new Batches(images, images.statistics(), batch, settings.seed());
        long[] marks = new long[2];
        long[] faults = new long[2];
        long[] rss = new long[2];
        List<Long> rssTrace = new ArrayList<>();
        List<Long> inUse = new ArrayList<>();
        List<Long> held = new ArrayList<>();
        StepTime[] sinceWarmup = {new StepTime()};
        try (SmartNetModel model = SmartNetModel.create(config, device.first(), settings.seed())) {
            marks[0] = System.nanoTime();
            faults[0] = ProcessMemory.minorFaults();
            Training[] training = new Training[1];
            training[0] = new Training(model.model(), model.block(), settings, (phase, phases, step, all, loss) -> {
                progress.step(phase, phases, step, all, loss);
                if (step == warmup) {
                    marks[0] = System.nanoTime();
                    faults[0] = ProcessMemory.minorFaults();
                    sinceWarmup[0] = training[0].time().copy();
                }
                if (step == Math.min(EARLY_STEP, total)) {
                    rss[0] = ProcessMemory.residentBytes();
                }
                if (step % TRACE_EVERY == 0) {
                    rssTrace.add(megabytes(ProcessMemory.residentBytes()));
                    var heap = ProcessMemory.nativeHeap();
                    inUse.add(heap.map(h -> megabytes(h.inUseBytes())).orElse(null));
                    held.add(heap.map(h -> megabytes(h.heldBytes())).orElse(null));
                }
            });
            training[0].run(batches, 1);
            marks[1] = System.nanoTime();
            faults[1] = ProcessMemory.minorFaults();
            double[] phaseMs = training[0].time().msPerStepSince(sinceWarmup[0]);
            rss[1] = ProcessMemory.residentBytes();
            progress.finished();
            double imagesPerSecond = steps * (double) batch / ((marks[1] - marks[0]) / 1e9);
            Timing.Latency timed = new Timing(TimingSettings.DEFAULT).latency(model.block(), model.model()
                    .getNDManager());
            double[] latency = timed.perExitMs();
            double[] forward = new Timing(new TimingSettings(2, 1, batch, FORWARD_RUNS)).throughput(model.block(),
                    model.model().getNDManager());
            List<ExitSpeed> exits = new ArrayList<>();
            for (ExitCost exit : cost.exits()) {
                double ms = latency[exit.exit()];
                exits.add(new ExitSpeed(exit.exit(), ms, exit.macs(), 2.0 * exit.macs() / (ms / 1000) / 1e9));
            }
            return new Report(model.device().toString(), batch, steps, threads, imagesPerSecond,
                    6.0 * cost.macs() * imagesPerSecond / 1e9, forward[forward.length - 1],
                    new StepMs(phaseMs[0], phaseMs[1], phaseMs[2]), (faults[1] - faults[0]) / (double) steps,
                    rss[0] / 1e6,
                    rss[1] / 1e6, rssTrace, inUse, held, exits, timed.load());
        }
    }

    private static long megabytes(long bytes) {
        return Math.round(bytes / 1e6);
    }
}
