package io.smartnas.search;

import io.smartnas.space.evaluation.Standing;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The quality of a feasible front: the share of the box [0, 1] accuracy x [0, latency reference] x [0, bytes
 * reference] that its candidates dominate (accuracy up, latency and bytes down), in [0, 1]. The references are the
 * run's targets where set, else fixed figures, so that the value can only grow as a run goes on. Exact, by slicing
 * along accuracy and sweeping latency; fronts of SmartNAS runs are small.
 */
final class Hypervolume {
    private Hypervolume() {
    }

    static double of(List<Standing> front, double latencyReference, double bytesReference) {
        List<double[]> points = new ArrayList<>();
        for (Standing f : front) {
            if (f.feasible() && !Double.isNaN(f.accuracy()) && f.latencyMs() < latencyReference
                    && f.bytes() < bytesReference) {
                points.add(new double[] {f.accuracy(), f.latencyMs() / latencyReference, f.bytes() / bytesReference});
            }
        }
        points.sort(Comparator.comparingDouble((double[] p) -> p[0]).reversed());
        double volume = 0;
        for (int i = 0; i < points.size(); i++) {
            double next = i + 1 < points.size() ? points.get(i + 1)[0] : 0;
            double height = points.get(i)[0] - next;
            if (height > 0) {
                volume += height * area(points.subList(0, i + 1));
            }
        }
        return volume;
    }

    /** The area of [0,1]^2 dominated (both coordinates down) by the points' latency and bytes. */
    private static double area(List<double[]> points) {
        List<double[]> sorted = new ArrayList<>(points);
        sorted.sort(Comparator.comparingDouble(p -> p[1]));
        double area = 0;
        double bestBytes = 1;
        for (int i = 0; i < sorted.size(); i++) {
            bestBytes = Math.min(bestBytes, sorted.get(i)[2]);
            double nextLatency = i + 1 < sorted.size() ? sorted.get(i + 1)[1] : 1;
            area += (nextLatency - sorted.get(i)[1]) * (1 - bestBytes);
        }
        return area;
    }
}
