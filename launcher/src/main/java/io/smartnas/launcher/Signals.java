package io.smartnas.launcher;

import io.smartnas.space.evaluation.Interruption;
import sun.misc.Signal;

import java.util.Set;

/**
 * Ctrl-C, SIGTERM and SIGHUP (the terminal closed) for the commands that train or classify. By default the JVM starts
 * shutting down at once while an evaluator thread may still be inside a libtorch kernel, and the engine's memory freed
 * under it crashed the JVM (SIGSEGV in {@code torchBackward}). Instead the first signal asks for a stop at the next
 * safe point (between two steps, see {@link Interruption}); the command then records what it must, prints how to go
 * on, and exits with 130. A second signal ends the process at once.
 */
final class Signals {
    /** The commands whose work runs in the engine; the others keep the JVM's own handling. */
    static final Set<String> LONG_JOBS = Set.of("search", "worker", "train", "bench", "grow", "prune", "infer",
            "calibrate", "supernet");

    private Signals() {
    }

    static void stopAtSafePoints() {
        for (String name : new String[] {"INT", "TERM", "HUP"}) {
            Signal.handle(new Signal(name), signal -> {
                if (Interruption.process().requested()) {
                    Runtime.getRuntime().halt(ExitCodes.INTERRUPTED);
                }
                System.err.println(System.lineSeparator() + "smartnas: stopping after the current step (press Ctrl-C "
                        + "again to stop at once)");
                Interruption.process().request();
            });
        }
    }
}
