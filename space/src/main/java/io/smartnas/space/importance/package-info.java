/**
 * What a trained SmartNet says it uses: the {@link io.smartnas.space.importance.Importance} of each Smart Connection
 * and of each layer of each Smart Block, and {@link io.smartnas.space.importance.Pruning}, the config with the least
 * important of them taken out. Measured by the evaluator after training; used by guided mutation and
 * {@code smartnas prune}.
 */
package io.smartnas.space.importance;
