package io.smartnas.launcher;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smartnas.evaluator.data.Batches;
import io.smartnas.evaluator.data.DataSource;
import io.smartnas.evaluator.data.ImageSet;
import io.smartnas.evaluator.measure.ProcessMemory;
import io.smartnas.evaluator.measure.Timing;
import io.smartnas.evaluator.net.SmartNetModel;
import io.smartnas.evaluator.train.Training;
import io.smartnas.evaluator.train.TrainingSettings;
import io.smartnas.space.InvalidInputException;
import io.smartnas.space.SmartNetConfig;
import io.smartnas.space.config.ConfigFile;
import io.smartnas.space.cost.Cost;
import io.smartnas.space.cost.CostModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code smartnas bench}: how fast a config trains and answers here, on synthetic data. Training GFLOP/s count
 * 6 FLOPs per MAC of a forward pass through every exit (2 per MAC forward, twice that backward); inference GFLOP/s
 * count 2 per MAC of the exit.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        footerHeading = "%nExample:%n",
        footer = {"  smartnas bench examples/three-exits-130k.json --batch-size 64 --steps 200 --threads 2"},
        description = "Measures training images per second, inference latency per exit and achieved GFLOP/s.")
final class BenchCommand implements Callable<Integer> {
    private static final int RSS_EARLY_STEP = 200;
    private static final int RSS_EVERY = 100;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "CONFIG", description = "A config file (smartnet/1).")
    private Path file;

    @Option(names = "--batch-size", defaultValue = "64",
            description = "Images per training step (default ${DEFAULT-VALUE}).")
    private int batch;

    @Option(names = "--steps", defaultValue = "50", description = "Timed training steps (default ${DEFAULT-VALUE}).")
    private int steps;

    @Option(names = "--warmup", defaultValue = "5", description = "Untimed steps first (default ${DEFAULT-VALUE}).")
    private int warmup;

    @Option(names = "--threads", description = "Intra-op threads of the engine (default: the engine's choice).")
    private Integer threads;

    @Mixin
    private DeviceOption device;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    private boolean json;

    @Override
    public Integer call() {
        if (batch < 1 || steps < 1 || warmup < 0) {
            throw new InvalidInputException("--batch and --steps must be positive and --warmup not negative");
        }
        if (threads != null) {
            // Read by the engine when it loads, which happens below for the first time in this process.
            System.setProperty("ai.djl.pytorch.num_threads", threads.toString());
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
        SmartNetConfig config = ConfigFile.read(file);
        Cost cost = CostModel.of(config);
        TrainingSettings settings = TrainingSettings.DEFAULT;
        int total = warmup + steps;
        ImageSet images = DataSource.synthetic(config.input(), config.classes(), batch * total, 1, settings.seed())
                .train();
        Batches batches = new Batches(images, images.statistics(), batch, settings.seed());
        long[] marks = new long[2];
        long[] rss = new long[2];
        List<MemorySample> memoryTrace = new ArrayList<>();
        try (SmartNetModel model = SmartNetModel.create(config, device.first(), settings.seed());
             ProgressBars.Training progress = new ProgressBars.Training()) {
            marks[0] = System.nanoTime();
            new Training(model.model(), model.block(), settings, (phase, phases, step, all, loss) -> {
                progress.step(phase, phases, step, all, loss);
                if (step == warmup) {
                    marks[0] = System.nanoTime();
                }
                if (step == Math.min(RSS_EARLY_STEP, total)) {
                    rss[0] = ProcessMemory.residentBytes();
                }
                if (step % RSS_EVERY == 0) {
                    memoryTrace.add(new MemorySample(ProcessMemory.residentBytes(), ProcessMemory.nativeHeap()));
                }
            }).run(batches, 1);
            marks[1] = System.nanoTime();
            rss[1] = ProcessMemory.residentBytes();
            progress.close();
            double trainImagesPerSecond = steps * (double) batch / ((marks[1] - marks[0]) / 1e9);
            double[] latency = Timing.DEFAULT.latencyMs(model.block(), model.model().getNDManager());
            print(cost, trainImagesPerSecond, latency, rss, memoryTrace, model.device().toString());
        }
        return ExitCodes.OK;
    }

    private void print(Cost cost, double imagesPerSecond, double[] latencyMs, long[] rss,
                       List<MemorySample> memoryTrace, String where) {
        double gflops = 6.0 * cost.macs() * imagesPerSecond / 1e9;
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode root = Json.object();
            root.put("file", file.toString());
            root.put("device", where);
            root.put("batch", batch);
            root.put("steps", steps);
            if (threads != null) {
                root.put("threads", threads);
            }
            root.put("train_images_per_s", imagesPerSecond);
            root.put("gflops", gflops);
            root.put("rss_mb_early", rss[0] / 1e6);
            root.put("rss_mb_end", rss[1] / 1e6);
            trace(root.putArray("rss_mb_every_100_steps"), memoryTrace, m -> Optional.of(m.residentBytes()));
            trace(root.putArray("malloc_in_use_mb_every_100_steps"), memoryTrace,
                    m -> m.heap().map(ProcessMemory.NativeHeap::inUseBytes));
            trace(root.putArray("malloc_held_mb_every_100_steps"), memoryTrace,
                    m -> m.heap().map(ProcessMemory.NativeHeap::heldBytes));
            ArrayNode exits = root.putArray("exits");
            for (int e = 0; e < latencyMs.length; e++) {
                long macs = cost.exits().get(e).macs();
                exits.addObject().put("exit", e).put("latency_ms", latencyMs[e]).put("macs", macs)
                        .put("gflops", 2.0 * macs / (latencyMs[e] / 1000) / 1e9);
            }
            out.println(Json.line(root));
        } else {
            out.printf(Locale.ROOT, "%s on %s, batch %d, %d timed steps:%n", file, where, batch, steps);
            out.printf(Locale.ROOT, "  training: %.1f images/s, %.2f GFLOP/s%n", imagesPerSecond, gflops);
            out.printf(Locale.ROOT, "  resident memory: %.0f MB at step %d, %.0f MB at the end%n", rss[0] / 1e6,
                    Math.min(RSS_EARLY_STEP, warmup + steps), rss[1] / 1e6);
            out.printf(Locale.ROOT, "  every %d steps, MB resident: %s%n", RSS_EVERY,
                    trace(memoryTrace, m -> Optional.of(m.residentBytes())));
            out.printf(Locale.ROOT, "                malloc in use: %s%n",
                    trace(memoryTrace, m -> m.heap().map(ProcessMemory.NativeHeap::inUseBytes)));
            out.printf(Locale.ROOT, "                  malloc held: %s%n",
                    trace(memoryTrace, m -> m.heap().map(ProcessMemory.NativeHeap::heldBytes)));
            Table table = new Table("exit", "latency ms", "MACs", "GFLOP/s");
            for (int e = 0; e < latencyMs.length; e++) {
                long macs = cost.exits().get(e).macs();
                table.row(e, String.format(Locale.ROOT, "%.3f", latencyMs[e]), macs,
                        String.format(Locale.ROOT, "%.2f", 2.0 * macs / (latencyMs[e] / 1000) / 1e9));
            }
            table.print(out, "  ");
        }
        out.flush();
    }

    /** Bytes in megabytes, or null where the figure is not known. */
    private static List<Long> megabytes(List<MemorySample> samples, Function<MemorySample, Optional<Long>> figure) {
        return samples.stream().map(sample -> figure.apply(sample).map(bytes -> Math.round(bytes / 1e6)).orElse(null))
                .toList();
    }

    private static void trace(ArrayNode node, List<MemorySample> samples,
                              Function<MemorySample, Optional<Long>> figure) {
        megabytes(samples, figure).forEach(mb -> {
            if (mb == null) {
                node.addNull();
            } else {
                node.add(mb);
            }
        });
    }

    private static String trace(List<MemorySample> samples, Function<MemorySample, Optional<Long>> figure) {
        return megabytes(samples, figure).stream().map(mb -> mb == null ? "?" : mb.toString())
                .collect(Collectors.joining(" "));
    }

    /** The process's memory at one training step; the heap is empty where glibc cannot report it. */
    private record MemorySample(long residentBytes, Optional<ProcessMemory.NativeHeap> heap) {
    }
}
