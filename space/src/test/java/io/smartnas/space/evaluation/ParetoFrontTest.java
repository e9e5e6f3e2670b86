package io.smartnas.space.evaluation;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.ToIntBiFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The front is exactly the items that nothing dominates, whatever order they come in. */
class ParetoFrontTest {
    /** A cost (lower is better) and an accuracy (higher is better). */
    private record Point(int cost, int accuracy) {
    }

    private static final ToIntBiFunction<Point, Point> DOMINATES = (a, b) -> a.cost() <= b.cost()
            && a.accuracy() >= b.accuracy() && (a.cost() < b.cost() || a.accuracy() > b.accuracy()) ? 1 : 0;
    private static final Comparator<Point> BEST_FIRST = Comparator.comparingInt(Point::cost)
            .thenComparing(Comparator.comparingInt(Point::accuracy).reversed());

    @Test
    void theFrontIsWhatNothingDominatesAndEverythingElseIsDominatedByIt() {
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            List<Point> points = new ArrayList<>();
            for (int i = random.nextInt(30); i > 0; i--) {
                points.add(new Point(random.nextInt(10), random.nextInt(10)));
            }
            List<Point> front = ParetoFront.of(points, BEST_FIRST, DOMINATES);
            for (Point p : points) {
                boolean dominated = points.stream().anyMatch(q -> DOMINATES.applyAsInt(q, p) > 0);
                assertEquals(!dominated, front.contains(p), p + " in " + points);
            }
            assertEquals(front.stream().sorted(BEST_FIRST).toList(), front, "best first");
        }
    }

    @Test
    void aStaircase() {
        List<Point> front = ParetoFront.of(List.of(new Point(3, 5), new Point(1, 2), new Point(2, 2), new Point(2, 4),
                new Point(4, 5)), BEST_FIRST, DOMINATES);
        assertEquals(List.of(new Point(1, 2), new Point(2, 4), new Point(3, 5)), front);
        assertFalse(front.contains(new Point(4, 5)));
        assertTrue(ParetoFront.of(List.<Point>of(), BEST_FIRST, DOMINATES).isEmpty());
    }
}
