package io.smartnas.search;

import java.util.function.Predicate;

/**
 * The strategies built on Jenetics: they run inside this package's {@link Search}, which hands them its
 * {@link Proposing}, the run with Jenetics' encoding and the measurer's asynchronous loop beside the public view.
 */
abstract sealed class JeneticsStrategy implements Strategy permits GenerationalStrategy, AsynchronousStrategy {
    @Override
    public final void search(SearchRun run, Predicate<Generation> generation) {
        if (!(run instanceof Proposing proposing)) {
            throw new IllegalArgumentException(label() + " runs in SmartNAS's own search, not on " + run);
        }
        search(proposing, generation);
    }

    abstract void search(Proposing run, Predicate<Generation> generation);
}
