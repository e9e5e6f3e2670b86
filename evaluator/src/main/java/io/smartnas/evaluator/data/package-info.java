/**
 * Image classification data: IDX files (Fashion-MNIST and any user data in that format), a synthetic learnable set
 * for tests, the deterministic train/validation split, normalisation and shuffled batches. Everything is held in
 * memory as bytes and turned into normalised float batches on the fly.
 */
package io.smartnas.evaluator.data;
