/**
 * The SmartNet family in code: the grid of cells, the genome and its bounds, and the immutable
 * {@link io.smartnas.space.SmartNetConfig} a genome decodes to, with its canonical form and stable id.
 * This package is the shared vocabulary of every other module and knows nothing of DJL, H2 or Jenetics.
 */
package io.smartnas.space;
