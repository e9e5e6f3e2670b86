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

    @Test
    void residentMemoryIsRead() {
        assertTrue(ProcessMemory.residentBytes() > 0);
    }
}
