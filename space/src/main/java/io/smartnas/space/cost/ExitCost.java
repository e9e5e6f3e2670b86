package io.smartnas.space.cost;

/**
 * What exit {@code exit} costs on its own: the stem, every cell of columns {@code 0..exit} and head {@code exit}.
 */
public record ExitCost(int exit, long params, long buffers, long macs) {
    public long bytes() {
        return Tally.BYTES_PER_VALUE * (params + buffers);
    }
}
