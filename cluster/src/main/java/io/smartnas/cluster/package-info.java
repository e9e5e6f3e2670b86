/**
 * Evaluating a search's candidates on workers of a Hazelcast cluster. The front door: {@link Coordinator} (opens the
 * cluster on the search's machine and gives the search an evaluator that dispatches to the workers), {@link Worker}
 * (joins a coordinator's cluster and evaluates what it is given with its own devices) and {@link Secret} (the key every
 * message is signed with). Hazelcast types never leave this package; every message is a JSON string with an
 * HMAC-SHA256 ({@link Envelope}), never Java serialization.
 */
package io.smartnas.cluster;
