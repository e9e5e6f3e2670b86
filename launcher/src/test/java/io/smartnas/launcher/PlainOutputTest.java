package io.smartnas.launcher;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A search whose standard error is a file, as through {@code tee} or in a log: a plain line per event, no carriage
 * returns, no escape sequences, no blank lines, and every candidate's line once.
 */
@Tag("slow")
class PlainOutputTest {
    @TempDir
    Path dir;

    @Test
    void aSearchLoggedToAFileWritesPlainLinesWithoutRedraws() throws Exception {
        Path err = dir.resolve("err.log");
        Path out = dir.resolve("out.log");
        Process search = start(err, out, "search", "--data", "synthetic", "--population", "2", "--evaluations", "3",
                "--seconds", "0", "--epochs", "1", "--subset", "300", "--final-epochs", "1", "--final-subset", "300",
                "--max-size", "2", "--max-depth", "2", "--db", dir.resolve("results").toString());
        assertTrue(search.waitFor(5, TimeUnit.MINUTES), "ends");
        String log = Files.readString(err);
        assertEquals(0, search.exitValue(), log);
        assertPlain(log);
        for (int i = 1; i <= 3; i++) {
            String done = String.format("%3d/3 ", i);
            assertEquals(1, log.lines().filter(line -> line.startsWith(done)).count(), "one line for " + done + log);
        }
        assertTrue(log.lines().anyMatch(line -> line.startsWith("run (14m): ") && line.contains("| 3/3 candidates")),
                "the progress, over the quick preset's 14 minutes, at its end: " + log);

        Matcher model = Pattern.compile("smartnas infer (\\S+)").matcher(Files.readString(out));
        assertTrue(model.find(), Files.readString(out));
        Process infer = start(err, out, "infer", model.group(1), "--latency-images", "5");
        assertTrue(infer.waitFor(2, TimeUnit.MINUTES), "ends");
        String inferLog = Files.readString(err);
        assertEquals(0, infer.exitValue(), inferLog);
        assertPlain(inferLog);
        assertTrue(inferLog.lines().anyMatch(l -> l.matches("classify the test images: (\\d+)/\\1 \\(100%\\)")),
                "infer says how far it is: " + inferLog);
    }

    private Process start(Path err, Path out, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Dsmartnas.terminal=false", "-cp", System.getProperty("java.class.path"),
                SmartNas.class.getName()));
        command.addAll(List.of(arguments));
        return new ProcessBuilder(command).directory(dir.toFile()).redirectError(err.toFile())
                .redirectOutput(out.toFile()).start();
    }

    private static void assertPlain(String log) {
        assertFalse(log.contains("\r"), "no carriage returns: " + log);
        assertFalse(log.contains("\u001b"), "no escape sequences: " + log);
        assertTrue(log.lines().noneMatch(String::isBlank), "no blank lines: " + log);
    }
}
