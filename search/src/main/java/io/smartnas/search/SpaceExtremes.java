package io.smartnas.search;

import io.smartnas.space.SmartNetConfig;
import io.smartnas.space.SpaceBounds;
import io.smartnas.space.cost.Cost;
import io.smartnas.space.cost.CostModel;
import io.smartnas.space.supernet.SpaceNetworks;

/**
 * The smallest and the largest networks of a space, by the cost model: what a memory target can be checked against
 * before anything is trained.
 */
final class SpaceExtremes {
    private SpaceExtremes() {
    }

    /** The space's smallest network ({@link SpaceNetworks#smallest}). */
    static SmartNetConfig smallestNetwork(SpaceBounds b) {
        return SpaceNetworks.smallest(b);
    }

    /** The cost of {@link #smallestNetwork}. */
    static Cost smallest(SpaceBounds b) {
        return CostModel.of(smallestNetwork(b));
    }

    /** The parameter and buffer bytes of the space's largest network (they do not depend on the base). */
    static double largestBytes(SpaceBounds b) {
        return CostModel.of(SpaceNetworks.largest(b)).bytes();
    }
}
