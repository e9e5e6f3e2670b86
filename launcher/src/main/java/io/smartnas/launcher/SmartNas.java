package io.smartnas.launcher;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code smartnas} command: the entry point of every user-facing job. */
@Command(name = "smartnas", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Neural architecture search over SmartNet, a multi-exit DenseNet family.",
        subcommands = {DescribeCommand.class, SampleCommand.class, TrainCommand.class, BenchCommand.class,
                SearchCommand.class, WorkerCommand.class, RunsCommand.class, ShowCommand.class, QueryCommand.class,
                CandidateCommand.class, SqlCommand.class, ExportCommand.class, CompareCommand.class, ReportCommand.class,
                CalibrateCommand.class, CalibrateDeviceCommand.class,
                InferCommand.class, GrowCommand.class, ShrinkCommand.class, PruneCommand.class,
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
            commandLine.getErr().println("smartnas: unknown command '" + args[0] + "'; the commands are: "
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
        return commandLine;
    }
}
