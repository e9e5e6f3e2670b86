package io.smartnas.space.cost;

/**
 * What exit group {@code group} stores: every cell of column {@code group} and head {@code group}, plus the stem for
 * group 0. Loading exits {@code 0..e} loads groups {@code 0..e} and nothing else.
 */
public record GroupCost(int group, long params, long buffers) {
    public long bytes() {
        return Tally.BYTES_PER_VALUE * (params + buffers);
    }
}
