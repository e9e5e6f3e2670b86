package io.smartnas.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HelpTest {
    /**
     * Every subcommand the command line registers, and theirs ({@code supernet train}), so that a new command cannot go
     * without help.
     */
    static Stream<String> commands() {
        return SmartNas.commandLine().getSubcommands().entrySet().stream().filter(e -> !e.getKey().equals("help"))
                .flatMap(e -> Stream.concat(Stream.of(e.getKey()), e.getValue().getSubcommands().keySet().stream()
                        .map(sub -> e.getKey() + " " + sub)));
    }

    @Test
    void theCommandLineRegistersEveryCommand() {
        assertEquals(23, commands().count());
    }

    @ParameterizedTest
    @MethodSource("commands")
    void everyCommandHasHelp(String command) {
        PrintStream stderr = System.err;
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        Cli cli;
        System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
        try {
            cli = Cli.run(Stream.concat(Stream.of(command.split(" ")), Stream.of("--help")).toArray(String[]::new));
        } finally {
            System.setErr(stderr);
        }
        assertFalse(warnings.toString(StandardCharsets.UTF_8).contains("WARN"), "help of " + command + " warns: "
                + warnings.toString(StandardCharsets.UTF_8));
        assertEquals(ExitCodes.OK, cli.exitCode());
        assertTrue(cli.out().contains("Usage: smartnas " + command), cli.out());
        assertTrue(cli.out().contains("Example:\n  smartnas " + command), "an example of " + command + ": "
                + cli.out());
    }

    @Test
    void anUnknownCommandIsBadInputEvenWithHelp() {
        assertEquals(ExitCodes.BAD_INPUT, Cli.run("frobnicate").exitCode());
        Cli cli = Cli.run("tune", "--help");
        assertEquals(ExitCodes.BAD_INPUT, cli.exitCode());
        assertTrue(cli.err().contains("unknown command 'tune'"), cli.err());
    }

    @Test
    void aMisspelledCommandIsAnsweredWithTheClosestOne() {
        Cli cli = Cli.run("serach");
        assertEquals(ExitCodes.BAD_INPUT, cli.exitCode());
        assertTrue(cli.err().contains("unknown command 'serach'; did you mean 'search'?"), cli.err());
    }

    @Test
    void aMisspelledOptionsValueIsNamedAsItsValueBesideTheOptionItMayHaveMeant() {
        Cli cli = Cli.run("search", "--max-latncy-ms", "3");
        assertEquals(ExitCodes.BAD_INPUT, cli.exitCode());
        assertTrue(cli.err().contains("unknown option or argument '--max-latncy-ms' (with '3')"), cli.err());
        assertTrue(cli.err().contains("did you mean --max-latency-ms or"), "the closest first: " + cli.err());
        assertTrue(cli.err().contains("see: smartnas search --help"), cli.err());
    }

    @Test
    void batchSizeHasOneNameAcrossCommands() {
        for (String command : new String[] {"bench", "train", "search"}) {
            String help = Cli.run(command, "--help").out();
            assertFalse(help.matches("(?s).*--batch[^-].*"), command + " says --batch: " + help);
        }
    }
}
