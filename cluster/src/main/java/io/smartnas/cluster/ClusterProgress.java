package io.smartnas.cluster;

/** What a coordinator or worker tells its user: workers connected and busy, and what happened. */
public interface ClusterProgress {
    ClusterProgress NONE = new ClusterProgress() {
    };

    /** {@code connected} workers are admitted (the coordinator's own devices included), {@code busy} of them busy. */
    default void workers(int connected, int busy) {
    }

    /** Something worth a line: a worker joined, left or was refused; a worker lost its coordinator. */
    default void said(String line) {
    }
}
