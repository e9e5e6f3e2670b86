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
        err.println(name + ": failed: " + causes(e));
        if (System.getenv("SMARTNAS_DEBUG") != null) {
            e.printStackTrace(err);
        } else {
            err.println("(set SMARTNAS_DEBUG=1 for the stack trace)");
        }
        err.flush();
        return ExitCodes.FAILURE;
    }

    /** Every distinct message along the chain of causes, outermost first, so the root cause shows without debugging. */
    static String causes(Throwable e) {
        java.util.List<String> messages = new java.util.ArrayList<>();
        for (Throwable t = e; t != null && messages.size() < 5; t = t.getCause()) {
            String message = t.getMessage() != null ? t.getMessage().lines().findFirst().orElse("")
                    : "an internal error (" + t.getClass().getSimpleName() + ")";
            if (messages.stream().noneMatch(m -> m.contains(message))) {
                messages.add(message);
            }
        }
        return String.join(": ", messages);
    }
}
