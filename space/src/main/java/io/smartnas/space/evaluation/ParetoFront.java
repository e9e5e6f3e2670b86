package io.smartnas.space.evaluation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToIntBiFunction;

/**
 * The one Pareto-front algorithm: the items no other dominates. Sorted so that an item can only be dominated by one
 * before it (best first on each objective in turn), each is checked against the front found so far, which stays
 * small in practice. The results' three-objective front and the report's two-figure planes both use it.
 */
public final class ParetoFront {
    private ParetoFront() {
    }

    /**
     * The non-dominated items, in {@code bestFirst} order.
     *
     * @param bestFirst  a lexicographic order over the objectives, best first: whatever dominates an item comes before it
     * @param dominance  positive when the first dominates the second (no worse in every objective, better in one)
     */
    public static <T> List<T> of(List<T> items, Comparator<? super T> bestFirst, ToIntBiFunction<T, T> dominance) {
        List<T> front = new ArrayList<>();
        for (T item : items.stream().sorted(bestFirst).toList()) {
            if (front.stream().noneMatch(f -> dominance.applyAsInt(f, item) > 0)) {
                front.add(item);
            }
        }
        return front;
    }
}
