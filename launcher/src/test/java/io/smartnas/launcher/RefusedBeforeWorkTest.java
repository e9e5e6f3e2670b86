package io.smartnas.launcher;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Inputs that would only fail at the end of long work are refused before it starts, and nothing is written. */
@Tag("slow")
class RefusedBeforeWorkTest {
    private static final Path EXAMPLE = Path.of("..", "examples", "two-exits.json");

    @TempDir
    Path dir;

    private static void refused(Cli cli, String expected) {
        assertEquals(ExitCodes.BAD_INPUT, cli.exitCode(), cli.err());
        assertTrue(cli.err().contains(expected), cli.err());
    }

    @Test
    void trainingIntoAFileIsRefusedBeforeTraining() throws IOException {
        Path file = Files.writeString(dir.resolve("two-exits.json"), "keep me");
        refused(Cli.run("train", EXAMPLE.toString(), "--data", "synthetic", "--out", file.toString()),
                "is a file; --out names a directory");
        assertEquals("keep me", Files.readString(file));
    }

    @Test
    void aCurveIntoAFileIsRefusedBeforeInference() throws IOException {
        Path model = model();
        Path readme = Files.writeString(dir.resolve("README.md"), "keep me");
        refused(Cli.run("infer", model.toString(), "--curve", "--out", readme.toString(), "--data", "synthetic"),
                "is a file");
        assertEquals("keep me", Files.readString(readme));
    }

    @Test
    void aNegativeAccuracyDropIsRefusedAndThePolicyKept() throws IOException {
        Path model = model();
        Path policy = model.resolve("policy.json");
        Files.writeString(policy, "{\"thresholds\": [0.9]}\n");
        byte[] before = Files.readAllBytes(policy);
        refused(Cli.run("calibrate", model.toString(), "--accuracy-drop", "-1", "--data", "synthetic"),
                "--accuracy-drop must be 0..100 points");
        assertArrayEquals(before, Files.readAllBytes(policy));
    }

    @Test
    void anEmptyFileGivenAsTheDatabaseIsRefusedAndLeftEmpty() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.mv.db"));
        refused(Cli.run("query", "1", "--best", "--db", empty.toString()), "an empty file");
        assertEquals(0, Files.size(empty));
    }

    private Path model() throws IOException {
        return QuickModel.of(EXAMPLE, dir.resolve("model"));
    }
}
