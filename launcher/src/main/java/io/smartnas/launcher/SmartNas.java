package io.smartnas.launcher;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code smartnas} command: the entry point of every user-facing job. */
@Command(name = "smartnas", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Neural architecture search over SmartNet, a multi-exit DenseNet family.",
        subcommands = {DescribeCommand.class, SampleCommand.class, TrainCommand.class, BenchCommand.class,
                SearchCommand.class, RunsCommand.class, ShowCommand.class, QueryCommand.class, CandidateCommand.class,
                SqlCommand.class, ExportCommand.class, CompareCommand.class, CalibrateCommand.class,
                InferCommand.class, GrowCommand.class, ShrinkCommand.class,
                CommandLine.HelpCommand.class})
public final class SmartNas {
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs one command line and returns its exit code; the only caller of {@code System.exit} is {@link #main}. */
    public static int run(String... args) {
        return commandLine().execute(args);
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
