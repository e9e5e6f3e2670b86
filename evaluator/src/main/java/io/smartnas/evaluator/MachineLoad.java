package io.smartnas.evaluator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * How busy the rest of the machine was while something was measured: the CPU time that every other process used over
 * the span, in cores (Linux: the busy time of all CPUs from {@code /proc/stat} less this process's own from
 * {@code /proc/self/stat}), and the 1-minute load average at its end (which counts this process too). NaN where
 * {@code /proc} cannot tell.
 *
 * @param otherCores  CPU time of other processes per second of the span
 * @param loadAverage the kernel's 1-minute load average when the span ended
 */
public record MachineLoad(double otherCores, double loadAverage) {
    /** Clock ticks per second of {@code /proc}'s CPU times: USER_HZ, 100 on every Linux this runs on. */
    private static final double TICKS_PER_SECOND = 100;

    /**
     * Whether other processes took at least half a core, or a quarter of the machine's cores if that is more: enough
     * to slow a measurement that uses every core.
     */
    public boolean heavy() {
        return otherCores >= Math.max(0.5, Runtime.getRuntime().availableProcessors() / 4.0);
    }

    /** Starts a span; {@link Span#stop()} ends it. */
    public static Span start() {
        return new Span(System.nanoTime(), busyTicks(), ownTicks());
    }

    /** A span being measured. */
    public static final class Span {
        private final long started;
        private final long busy;
        private final long own;

        private Span(long started, long busy, long own) {
            this.started = started;
            this.busy = busy;
            this.own = own;
        }

        public MachineLoad stop() {
            double seconds = (System.nanoTime() - started) / 1e9;
            long busyNow = busyTicks();
            long ownNow = ownTicks();
            double others = busy < 0 || own < 0 || busyNow < 0 || ownNow < 0 ? Double.NaN
                    : Math.max(0, (busyNow - busy) - (ownNow - own)) / TICKS_PER_SECOND / seconds;
            return new MachineLoad(others, currentLoadAverage());
        }
    }

    /** Busy ticks of all CPUs (user, nice, system, irq, softirq, steal), or -1. */
    private static long busyTicks() {
        String[] cpu = firstLine(Path.of("/proc/stat")).trim().split("\\s+");
        if (cpu.length < 9 || !cpu[0].equals("cpu")) {
            return -1;
        }
        long[] t = Arrays.stream(cpu, 1, 9).mapToLong(Long::parseLong).toArray();
        return t[0] + t[1] + t[2] + t[5] + t[6] + t[7];
    }

    /** This process's user and system ticks, all threads, or -1. */
    private static long ownTicks() {
        String stat = firstLine(Path.of("/proc/self/stat"));
        int end = stat.lastIndexOf(')');
        if (end < 0) {
            return -1;
        }
        // After the command name: field 3 (state) onwards; utime and stime are fields 14 and 15.
        String[] fields = stat.substring(end + 2).split(" ");
        return fields.length < 13 ? -1 : Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static double currentLoadAverage() {
        String line = firstLine(Path.of("/proc/loadavg"));
        return line.isEmpty() ? Double.NaN : Double.parseDouble(line.split(" ")[0]);
    }

    private static String firstLine(Path file) {
        try (var lines = Files.lines(file)) {
            return lines.findFirst().orElse("");
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
