package io.smartnas.launcher;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.smartnas.evaluator.Bench;
import io.smartnas.space.SmartNetConfig;
import io.smartnas.space.config.ConfigFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** {@code smartnas bench}: how fast a config trains and answers here, on synthetic data (see {@link Bench}). */
@Command(name = "bench", footer = {"  smartnas bench examples/three-exits-130k.json --batch-size 64 --steps 200 --threads 2"},
        description = "Measures training images per second, inference latency per exit and achieved GFLOP/s.")
final class BenchCommand extends Subcommand {
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
    void run() {
        SmartNetConfig config = ConfigFile.read(file);
        Bench.Report report;
        try (ProgressBars.Training progress = new ProgressBars.Training()) {
            report = Bench.run(config, batch, steps, warmup, threads, device.spec(), progress);
        }
        PrintWriter out = out();
        if (json) {
            out.println(Json.line(new Benched(file.toString(), report)));
        } else {
            out.printf(Locale.ROOT, "%s on %s, batch %d, %d timed steps:%n", file, report.device(), batch, steps);
            out.printf(Locale.ROOT, "  training: %.1f images/s, %.2f GFLOP/s; forward only: %.1f images/s%n",
                    report.trainImagesPerSecond(), report.gflops(), report.forwardImagesPerSecond());
            out.printf(Locale.ROOT, "  a training step: %.1f ms forward and loss, %.1f ms backward, %.1f ms update, "
                    + "%.0f page faults%n", report.stepMs().forward(), report.stepMs().backward(),
                    report.stepMs().update(), report.pageFaultsPerStep());
            out.printf(Locale.ROOT, "  resident memory: %.0f MB at step %d, %.0f MB at the end%n", report.rssMbEarly(),
                    Math.min(Bench.EARLY_STEP, warmup + steps), report.rssMbEnd());
            out.printf(Locale.ROOT, "  every %d steps, MB resident: %s%n", Bench.TRACE_EVERY, trace(report.rssMb()));
            out.printf(Locale.ROOT, "                malloc in use: %s%n", trace(report.mallocInUseMb()));
            out.printf(Locale.ROOT, "                  malloc held: %s%n", trace(report.mallocHeldMb()));
            Rows.table(out, "  ", Bench.ExitSpeed.class, report.exits());
            out.printf(Locale.ROOT, "  latency timed while other processes used %.2f cores (load average %.2f)%s%n",
                    report.latencyLoad().otherCores(), report.latencyLoad().loadAverage(),
                    report.latencyLoad().heavy() ? ": under heavy load" : "");
        }
    }

    /** What {@code --json} prints: the file, then the report's fields. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    private record Benched(String file, @JsonUnwrapped Bench.Report report) {
    }

    /** Megabytes, {@code ?} where the figure is not known. */
    private static String trace(List<Long> megabytes) {
        return megabytes.stream().map(mb -> mb == null ? "?" : mb.toString()).collect(Collectors.joining(" "));
    }
}
