package io.smartnas.search;

import io.smartnas.space.Genome;
import io.smartnas.space.SmartNetConfig;

/** A candidate a strategy proposes: its genome and the canonical config it decodes to. */
record Proposal(Genome genome, SmartNetConfig config) {
    String id() {
        return config.id();
    }
}
