package io.smartnas.results;

/**
 * A run's final training as stored: the evaluation of its chosen candidate at the higher fidelity, and the model
 * directory it was saved to.
 *
 * @param modelDir where the model was saved; null unless the evaluation ended ok
 */
public record FinalModel(StoredEvaluation evaluation, String modelDir) {
}
