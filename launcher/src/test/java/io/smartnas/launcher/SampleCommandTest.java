package io.smartnas.launcher;

import io.smartnas.space.SmartNetConfig;
import io.smartnas.space.config.ConfigFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SampleCommandTest {
    @Test
    void theSameSeedDrawsTheSameConfigs() {
        assertEquals(Cli.run("sample", "--seed", "7", "--count", "5").out(),
                Cli.run("sample", "--seed", "7", "--count", "5").out());
    }

    @Test
    void everyLineIsACanonicalConfigWithinTheBounds() {
        Cli cli = Cli.run("sample", "--seed", "3", "--count", "40", "--max-size", "3", "--max-depth", "2");
        assertEquals(ExitCodes.OK, cli.exitCode(), cli.err());
        List<String> lines = cli.out().lines().toList();
        assertEquals(40, lines.size());
        for (String line : lines) {
            SmartNetConfig config = ConfigFile.parse(line);
            assertEquals(config, config.canonical());
            assertTrue(config.size() <= 3);
            assertTrue(config.cells().stream().allMatch(cell -> cell.depth() <= 2));
        }
    }

    @Test
    void withOutEachConfigIsAFileNamedByItsId(@TempDir Path dir) throws IOException {
        Cli cli = Cli.run("sample", "--seed", "1", "--count", "3", "--out", dir.toString());
        assertEquals(ExitCodes.OK, cli.exitCode(), cli.err());
        for (String line : cli.out().lines().toList()) {
            Path file = Path.of(line);
            assertTrue(Files.exists(file));
            assertEquals(ConfigFile.read(file).id() + ".json", file.getFileName().toString());
        }
    }

    @Test
    void aSeedIsRequired() {
        assertEquals(ExitCodes.BAD_INPUT, Cli.run("sample").exitCode());
    }

    @Test
    void aCountBelowOneIsBadInput() {
        assertEquals(ExitCodes.BAD_INPUT, Cli.run("sample", "--seed", "1", "--count", "0").exitCode());
    }
}
