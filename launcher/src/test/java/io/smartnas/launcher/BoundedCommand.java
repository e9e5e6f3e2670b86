package io.smartnas.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real command line in its own JVM with a 512 MB heap and 256 MB of direct memory, so that an unbounded read fails,
 * and the check that it refused its input as bad input should be refused: exit code 2, a message naming the file or
 * option and the problem, no Java name, and no more than 1.5 GB resident. Each run's time and peak memory are printed;
 * the hang guard is 60 s, since a time limit on a shared machine would fail for the machine's load rather than the
 * code's.
 */
final class BoundedCommand {
    private static final long MAX_RESIDENT_KB = 1_500_000;

    /** How a run ended: its exit code, its standard error, its time and its peak resident memory. */
    record Run(int exitCode, String err, double seconds, long peakKb) {
    }

    private BoundedCommand() {
    }

    /** Runs {@code smartnas args} in {@code dir}. */
    static Run smartnas(Path dir, String... args) throws Exception {
        return run(dir, command(args), "smartnas " + String.join(" ", args));
    }

    /** The command line of {@code smartnas args} in a JVM of bounded memory. */
    static List<String> command(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx512m", "-XX:MaxDirectMemorySize=256m", "-cp", System.getProperty("java.class.path"),
                SmartNas.class.getName()));
        command.addAll(List.of(args));
        return command;
    }

    /** Runs {@code command} in {@code dir}, printing {@code label} with its exit, time and peak memory. */
    static Run run(Path dir, List<String> command, String label) throws Exception {
        return run(dir, command, label, 60);
    }

    /** As {@link #run(Path, List, String)}, with a hang guard of {@code guardSeconds}. */
    static Run run(Path dir, List<String> command, String label, int guardSeconds) throws Exception {
        Path err = Files.createTempFile(dir, "err", ".txt");
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile()).start();
        Path status = Path.of("/proc", String.valueOf(process.pid()), "status");
        long peak = 0;
        while (!process.waitFor(20, TimeUnit.MILLISECONDS)) {
            peak = Math.max(peak, peakKb(status));
            if (System.nanoTime() - start > TimeUnit.SECONDS.toNanos(guardSeconds)) {
                process.destroyForcibly();
                throw new AssertionError(label + " still ran after " + guardSeconds + " s");
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Run run = new Run(process.exitValue(), Files.readString(err), seconds, peak);
        System.out.printf("%s: exit %d in %.2f s, peak %d MB resident%n", label.length() > 100
                ? label.substring(0, 100) + " ..." : label, run.exitCode(), seconds, peak / 1024);
        return run;
    }

    private static long peakKb(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException gone) {
            // the process ended between two looks
        }
        return 0;
    }

    /** Checks that {@code run} refused its input: exit 2, each of {@code expected} said, no Java name, bounded. */
    static void refused(Run run, String... expected) {
        assertEquals(ExitCodes.BAD_INPUT, run.exitCode(), run.err());
        for (String text : expected) {
            assertTrue(run.err().contains(text), "expected '" + text + "' in: " + run.err());
        }
        assertFalse(run.err().matches("(?s).*(Exception|\\bat [a-z]+\\.|java\\.lang|com\\.fasterxml|Traceback).*"),
                "no Java names or stack traces: " + run.err());
        assertTrue(run.peakKb() < MAX_RESIDENT_KB, run.peakKb() + " KB resident");
    }
}
