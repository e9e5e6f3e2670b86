package io.smartnas.evaluator;

/** Told, batch by batch, how many of a set's images a model has classified so far. */
@FunctionalInterface
public interface Classified {
    /** Nothing to tell. */
    Classified NONE = (done, total) -> { };

    void soFar(int done, int total);
}
