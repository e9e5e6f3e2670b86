package io.smartnas.evaluator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smartnas.space.InvalidInputException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * When an input leaves: at the first exit {@code c} before the last whose top softmax probability is above
 * {@code thresholds[c]}; the last exit answers everything else. A threshold of 1 never lets an input leave there
 * (a probability is never above 1), 0 lets every input leave.
 *
 * @param thresholds one per exit but the last, each in [0, 1]
 */
public record ExitPolicy(List<Double> thresholds) {
    public ExitPolicy {
        thresholds = List.copyOf(thresholds);
        for (double t : thresholds) {
            if (!(t >= 0 && t <= 1)) {
                throw new IllegalArgumentException("a threshold is a probability in [0, 1], got " + t);
            }
        }
    }

    /** Every input runs to the last of {@code exits} exits. */
    public static ExitPolicy lastExitOnly(int exits) {
        return new ExitPolicy(Collections.nCopies(exits - 1, 1.0));
    }

    /** The same threshold at every exit but the last. */
    public static ExitPolicy shared(int exits, double threshold) {
        return new ExitPolicy(Collections.nCopies(exits - 1, threshold));
    }

    /** Exits this policy is for. */
    public int exits() {
        return thresholds.size() + 1;
    }

    /** Whether an input whose top probability at exit {@code exit} is {@code confidence} leaves there. */
    public boolean leaves(int exit, double confidence) {
        return exit == thresholds.size() || confidence > thresholds.get(exit);
    }

    /** The policy of a model cut to its first {@code exits} exits. */
    public ExitPolicy prefix(int exits) {
        if (exits < 1 || exits > exits()) {
            throw new IllegalArgumentException("a prefix keeps 1.." + exits() + " exits, not " + exits);
        }
        return new ExitPolicy(thresholds.subList(0, exits - 1));
    }

    /** The same policy with one threshold changed. */
    public ExitPolicy with(int exit, double threshold) {
        List<Double> changed = new ArrayList<>(thresholds);
        changed.set(exit, threshold);
        return new ExitPolicy(changed);
    }

    public ObjectNode json() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        thresholds.forEach(node.putArray("thresholds")::add);
        return node;
    }

    /** @throws InvalidInputException if the JSON holds no valid thresholds */
    public static ExitPolicy of(JsonNode json) {
        JsonNode thresholds = json.get("thresholds");
        if (thresholds == null || !thresholds.isArray()) {
            throw new InvalidInputException("an exit policy needs \"thresholds\": [probabilities]");
        }
        List<Double> values = new ArrayList<>();
        thresholds.forEach(t -> values.add(t.asDouble(Double.NaN)));
        try {
            return new ExitPolicy(values);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("exit policy: " + e.getMessage());
        }
    }
}
