package io.smartnas.launcher;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HelpTest {
    @ParameterizedTest
    @ValueSource(strings = {"describe", "sample", "train", "bench", "search", "runs", "show", "query", "candidate", "sql", "export", "compare"})
    void everyCommandHasHelp(String command) {
        Cli cli = Cli.run(command, "--help");
        assertEquals(ExitCodes.OK, cli.exitCode());
        assertTrue(cli.out().contains("Usage: smartnas " + command), cli.out());
    }

    @org.junit.jupiter.api.Test
    void anUnknownCommandIsBadInput() {
        assertEquals(ExitCodes.BAD_INPUT, Cli.run("frobnicate").exitCode());
    }
}
