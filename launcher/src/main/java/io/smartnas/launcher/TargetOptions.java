package io.smartnas.launcher;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.smartnas.space.evaluation.Targets;
import io.smartnas.space.run.TargetSettings;
import picocli.CommandLine.Option;

/**
 * Targets on the command line: at most this many parameters, bytes or milliseconds, at least this accuracy. Jackson
 * writes them in the form of the run description's targets.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
@JsonInclude(JsonInclude.Include.NON_NULL)
final class TargetOptions {
    @Option(names = "--max-params", paramLabel = "N", description = "At most N trainable parameters.")
    Long maxParams;

    @Option(names = "--max-memory", paramLabel = "BYTES",
            description = "At most this much parameter memory (parameters and buffers, 4 bytes each); "
                    + "a number of bytes, or with KB, MB (1000s) or KiB, MiB (1024s).")
    String maxMemory;

    @Option(names = "--max-latency-ms", paramLabel = "X",
            description = "At most X milliseconds per image at batch size 1, at the last exit.")
    Double maxLatencyMs;

    @Option(names = "--min-accuracy", paramLabel = "A",
            description = "At least this validation accuracy at the last exit: a fraction (0.9) or a percentage "
                    + "(90%%).")
    String minAccuracy;

    @Option(names = "--latency-mode", paramLabel = "last-exit|anytime",
            description = "Which latency the time target and the latency objective are on: the last exit's, or the "
                    + "expected latency of anytime inference under the calibrated exit policy (default last-exit).")
    String latencyMode;

    Targets targets() {
        return new TargetSettings(maxParams, maxMemory, maxLatencyMs, minAccuracy, latencyMode).targets();
    }
}
