package io.smartnas.launcher;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The {@code smartnas} command: the entry point of every user-facing job. */
@Command(name = "smartnas", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Neural architecture search over SmartNet, a multi-exit DenseNet family.",
        subcommands = {DescribeCommand.class, SampleCommand.class, TrainCommand.class, BenchCommand.class,
                SearchCommand.class, WorkerCommand.class, RunsCommand.class, ShowCommand.class, QueryCommand.class,
                CandidateCommand.class, SqlCommand.class, ExportCommand.class, CompareCommand.class, ReportCommand.class,
                CalibrateCommand.class, CalibrateDeviceCommand.class,
                InferCommand.class, GrowCommand.class, ShrinkCommand.class, PruneCommand.class,
                SupernetCommand.class,
                CommandLine.HelpCommand.class})
public final class SmartNas {
    public static void main(String[] args) {
        if (args.length > 0 && Signals.LONG_JOBS.contains(args[0])) {
            Signals.stopAtSafePoints();
        }
        System.exit(run(args));
    }

    /** Runs one command line and returns its exit code; the only caller of {@code System.exit} is {@link #main}. */
    public static int run(String... args) {
        return execute(commandLine(), args);
    }

    /**
     * Runs one command line on {@code commandLine} (whose output a test may capture); an unknown command is bad input.
     */
    static int execute(CommandLine commandLine, String... args) {
        if (args.length > 0 && !args[0].startsWith("-") && !commandLine.getSubcommands().containsKey(args[0])) {
            // picocli would print the usage and exit 0 for "smartnas tune --help": an unknown command is bad input.
            List<String> like = new CommandLine.UnmatchedArgumentException(commandLine, List.of(args[0]))
                    .getSuggestions();
            commandLine.getErr().println("smartnas: unknown command '" + args[0] + "'" + (like.isEmpty() ? ""
                    : "; did you mean '" + like.get(0) + "'?") + " The commands are: "
                    + String.join(", ", commandLine.getSubcommands().keySet()));
            commandLine.getErr().flush();
            return ExitCodes.BAD_INPUT;
        }
        return commandLine.execute(args);
    }

    /**
     * The command line with its error handling, for {@link #run} and for tests that capture its output. picocli's own
     * exit code for an unknown option or a bad option value is already {@link ExitCodes#BAD_INPUT}.
     */
    static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new SmartNas());
        commandLine.setExecutionExceptionHandler(new ErrorHandler());
        commandLine.setParameterExceptionHandler(SmartNas::badOption);
        return commandLine;
    }

    /**
     * An option picocli cannot parse, in words: an unknown option's value is named as its value, not as a second
     * unknown option ({@code --max-latncy-ms 3}), with the options it may have meant; then where the help is.
     */
    private static int badOption(CommandLine.ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        String name = "smartnas " + command.getCommandName();
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched) {
            List<String> tokens = unmatched.getUnmatched();
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < tokens.size(); i++) {
                String token = tokens.get(i);
                boolean value = i + 1 < tokens.size() && token.startsWith("-") && !token.contains("=")
                        && !tokens.get(i + 1).startsWith("-");
                parts.add("'" + token + "'" + (value ? " (with '" + tokens.get(++i) + "')" : ""));
            }
            err.println(name + ": unknown " + (parts.size() == 1 ? "option or argument " : "options or arguments ")
                    + String.join(", ", parts));
            String first = tokens.get(0);
            List<String> like = unmatched.getSuggestions().stream()
                    .sorted(Comparator.comparingInt(option -> editDistance(option, first))).toList();
            if (!like.isEmpty()) {
                err.println("did you mean " + String.join(" or ", like.subList(0, Math.min(3, like.size()))) + "?");
            }
        } else {
            err.println(name + ": " + e.getMessage());
        }
        err.println("see: " + name + " --help");
        err.flush();
        return ExitCodes.BAD_INPUT;
    }

    /** Levenshtein's distance: the fewest single-character edits that turn {@code a} into {@code b}. */
    private static int editDistance(String a, String b) {
        int[] row = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            row[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int diagonal = row[0];
            row[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int above = row[j];
                row[j] = Math.min(Math.min(row[j] + 1, row[j - 1] + 1),
                        diagonal + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
                diagonal = above;
            }
        }
        return row[b.length()];
    }
}
