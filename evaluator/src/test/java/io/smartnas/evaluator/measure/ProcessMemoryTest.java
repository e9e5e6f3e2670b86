package io.smartnas.evaluator.measure;

import com.sun.jna.Memory;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

class ProcessMemoryTest {
    /** Large enough that what other threads allocate and free meanwhile cannot hide it. */
    private static final long BLOCK = 256L << 20;

    @Test
    void glibcCountsANativeBlockInUseUntilItIsFreed() {
        ProcessMemory.NativeHeap before = ProcessMemory.nativeHeap().orElseThrow();
        try (Memory block = new Memory(BLOCK)) {
            ProcessMemory.NativeHeap during = ProcessMemory.nativeHeap().orElseThrow();
            assertTrue(during.inUseBytes() - before.inUseBytes() > BLOCK / 2, before + " then " + during);
            assertTrue(during.heldBytes() >= during.inUseBytes(), during.toString());
        }
        ProcessMemory.NativeHeap after = ProcessMemory.nativeHeap().orElseThrow();
        assertTrue(after.inUseBytes() - before.inUseBytes() < BLOCK / 2, before + " then " + after);
    }

    /** Fresh memory touched page by page faults at least once per 2 MiB, even where huge pages back it. */
    @Test
    void touchingFreshMemoryCountsPageFaults() {
        long before = ProcessMemory.minorFaults();
        try (Memory block = new Memory(BLOCK)) {
            for (long offset = 0; offset < BLOCK; offset += 4096) {
                block.setByte(offset, (byte) 1);
            }
            long during = ProcessMemory.minorFaults();
            assertTrue(during - before >= BLOCK / (2 << 20), before + " then " + during);
        }
    }

    @Test
    void residentMemoryIsRead() {
        assertTrue(ProcessMemory.residentBytes() > 0);
    }
}
