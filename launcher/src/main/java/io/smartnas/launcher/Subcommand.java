package io.smartnas.launcher;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * What every {@code smartnas} command shares: {@code --help} and {@code --version}, an example under "Example:", its
 * standard output (flushed when it ends), and exit code {@link ExitCodes#OK} when it returns; a failure is an
 * exception, which {@link ErrorHandler} turns into a message and an exit code.
 */
@Command(mixinStandardHelpOptions = true, footerHeading = "%nExample:%n")
abstract class Subcommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** Parses nothing more, calls the modules, prints to {@link #out()}. */
    abstract void run() throws IOException;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    @Override
    public final Integer call() throws IOException {
        run();
        out().flush();
        return ExitCodes.OK;
    }
}
