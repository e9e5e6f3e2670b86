package io.smartnas.search;

import io.smartnas.space.Genome;
import io.smartnas.space.SearchSpace;

/** Turns genomes into proposals: each with the canonical config it decodes to, and so its id. */
final class Proposals {
    private Proposals() {
    }

    static Proposal of(SearchSpace space, Genome genome) {
        return new Proposal(genome, space.decode(genome).canonical());
    }
}
