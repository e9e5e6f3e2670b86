package io.smartnas.launcher;

import io.smartnas.space.InvalidInputException;
import io.smartnas.space.evaluation.InterruptedRunException;
import picocli.CommandLine;

import java.io.PrintWriter;

/**
 * The one place where an exception becomes a message and an exit code: bad input is {@link ExitCodes#BAD_INPUT} with
 * the message alone; anything else is {@link ExitCodes#FAILURE}, with the stack trace only when
 * {@code SMARTNAS_DEBUG} is set.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine command, CommandLine.ParseResult parseResult) {
        PrintWriter err = command.getErr();
        String name = command.getCommandSpec().qualifiedName();
        if (e instanceof InterruptedRunException) {
            err.println(name + ": " + e.getMessage());
            err.flush();
            return ExitCodes.INTERRUPTED;
        }
        if (e instanceof InvalidInputException) {
            err.println(name + ": " + e.getMessage());
            err.flush();
            return ExitCodes.BAD_INPUT;
        }
        err.println(name + ": failed: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
        if (System.getenv("SMARTNAS_DEBUG") != null) {
            e.printStackTrace(err);
        } else {
            err.println("(set SMARTNAS_DEBUG=1 for the stack trace)");
        }
        err.flush();
        return ExitCodes.FAILURE;
    }
}
