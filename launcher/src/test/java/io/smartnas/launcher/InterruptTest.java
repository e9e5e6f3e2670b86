package io.smartnas.launcher;

import io.smartnas.results.H2Database;
import io.smartnas.results.ResultStore;
import io.smartnas.results.RunStatus;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ctrl-C during a search, six times at random points (each of SIGINT, SIGTERM and SIGHUP twice), each time in a real JVM: the process stops at a safe point and
 * exits with 130 without a native crash (no {@code hs_err_pid} file), the run is recorded as interrupted, and
 * {@code --resume} picks it up again; the last resume runs to the end of the budget.
 */
@Tag("slow")
class InterruptTest {
    /** Six, not ten: CI's 15 minutes needed room for the supernet's tests (ten took 104 to 129 s). */
    private static final int INTERRUPTS = 6;
    /** More than six interrupted sessions can measure here (about one candidate each), so every one is interrupted. */
    private static final int EVALUATIONS = 12;
    private static final List<String> SIGNALS = List.of("INT", "TERM", "HUP");

    @TempDir
    Path dir;

    private Process smartnas(String... args) throws Exception {
        // A search gets SIGINT as a terminal's Ctrl-C would send it, whatever it inherits: a shell without job control
        // starts background jobs (mvn verify & in a script) with SIGINT ignored, and the JVM keeps an ignored one so
        // (and nohup ignores SIGHUP).
        List<String> command = new ArrayList<>(List.of("/usr/bin/env", "--default-signal=INT,TERM,HUP", Path.of(
                System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), SmartNas.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("output.txt").toFile()).start();
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void aSearchInterruptedSixTimesExitsWith130EachTimeAndResumesToTheEnd() throws Exception {
        String db = dir.resolve("results").toString();
        long seed = System.nanoTime();
        Random random = new Random(seed);
        for (int i = 0; i < INTERRUPTS; i++) {
            Process search = i == 0
                    ? smartnas("search", "--data", "synthetic", "--population", "2", "--evaluations",
                    String.valueOf(EVALUATIONS), "--subset", "600", "--seconds", "0", "--final-subset", "600",
                    "--final-epochs", "1", "--epochs", "2", "--max-size", "2", "--max-depth", "2", "--db", db)
                    : smartnas("search", "--resume", "1", "--db", db);
            Thread.sleep(2500 + random.nextInt(3000));
            // Ctrl-C, a service manager's SIGTERM, a closed terminal's SIGHUP: each stops the search alike
            String signal = SIGNALS.get(i % SIGNALS.size());
            new ProcessBuilder("kill", "-" + signal, String.valueOf(search.pid())).start().waitFor();
            assertTrue(search.waitFor(120, TimeUnit.SECONDS), "stops within 2 minutes of Ctrl-C");
            String output = Files.readString(dir.resolve("output.txt"));
            String context = " (interrupt " + (i + 1) + ", SIG" + signal + ", seed " + seed + "): " + output;
            assertEquals(ExitCodes.INTERRUPTED, search.exitValue(), "exit code" + context);
            assertTrue(output.contains("smartnas search --resume 1"), "says how to go on" + context);
            try (var files = Files.list(dir)) {
                assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith("hs_err_pid")),
                        "no native crash" + context);
            }
            try (ResultStore store = H2Database.openReadOnly(Path.of(db))) {
                assertEquals(RunStatus.INTERRUPTED, store.run(1).orElseThrow().status(), context);
            }
        }
        Process last = smartnas("search", "--resume", "1", "--db", db);
        assertTrue(last.waitFor(5, TimeUnit.MINUTES));
        assertEquals(ExitCodes.OK, last.exitValue(), Files.readString(dir.resolve("output.txt")));
        try (ResultStore store = H2Database.openReadOnly(Path.of(db))) {
            assertEquals(RunStatus.FINISHED, store.run(1).orElseThrow().status());
            assertEquals(EVALUATIONS, store.run(1).orElseThrow().evaluations());
        }
    }
}
