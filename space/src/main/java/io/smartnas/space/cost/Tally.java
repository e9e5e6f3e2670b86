package io.smartnas.space.cost;

/**
 * Parameters, buffers and MACs of some part of a network. Bytes follow the specification: 4 (float32) per parameter
 * and per buffer value.
 */
public record Tally(long params, long buffers, long macs) {
    /** Bytes per stored value (float32). */
    public static final int BYTES_PER_VALUE = 4;
    public static final Tally ZERO = new Tally(0, 0, 0);

    public Tally plus(Tally other) {
        return new Tally(params + other.params, buffers + other.buffers, macs + other.macs);
    }

    /** Parameter memory: parameters and buffers, 4 bytes each. */
    public long bytes() {
        return BYTES_PER_VALUE * (params + buffers);
    }

    /** Batch normalisation over {@code channels}: gamma and beta are parameters, running mean and variance buffers. */
    static Tally batchNorm(long channels) {
        return new Tally(2 * channels, 2 * channels, 0);
    }

    /** A convolution without bias producing an {@code height x width} map. */
    static Tally conv(long in, long out, int kernel, long height, long width) {
        long weights = in * out * kernel * kernel;
        return new Tally(weights, 0, height * width * weights);
    }

    /** A linear layer with bias. */
    static Tally linear(long in, long out) {
        return new Tally(in * out + out, 0, in * out);
    }
}
