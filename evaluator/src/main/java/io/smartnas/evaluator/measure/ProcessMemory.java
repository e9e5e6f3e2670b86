package io.smartnas.evaluator.measure;

import com.sun.jna.Function;
import com.sun.jna.Structure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The memory of this process: resident (Java heap, native tensors and all) and what glibc's malloc has handed out. */
public final class ProcessMemory {
    private ProcessMemory() {
    }

    /** Resident set size in bytes, from {@code /proc/self/status}. */
    public static long residentBytes() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(line -> line.startsWith("VmRSS:"))
                    .mapToLong(line -> Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024)
                    .findFirst().orElseThrow(() -> new IllegalStateException("no VmRSS in /proc/self/status"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/self/status", e);
        }
    }

    /**
     * Minor page faults of this process so far (field 10 of {@code /proc/self/stat}): each is a page the kernel handed
     * over when it was first touched, so a training step that keeps faulting takes its memory fresh from the kernel
     * every time instead of reusing the heap's.
     */
    public static long minorFaults() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            // the command name, field 2, is in parentheses and may hold spaces: count fields after it
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[10 - 3]);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/self/stat", e);
        }
    }

    /**
     * What glibc's malloc holds for the process's native allocations, from {@code mallinfo2}: bytes in use (by tensors,
     * the engine and the JVM's own mallocs) and bytes it keeps from the kernel in its heaps. In use growing means a
     * leak; heaps growing around a flat use means fragmentation. Empty where the C library has no {@code mallinfo2}
     * (glibc before 2.33, other C libraries).
     */
    public static Optional<NativeHeap> nativeHeap() {
        Function mallinfo2;
        try {
            mallinfo2 = Function.getFunction("c", "mallinfo2");
        } catch (UnsatisfiedLinkError e) {
            return Optional.empty();
        }
        MallInfo2 info = (MallInfo2) mallinfo2.invoke(MallInfo2.class, new Object[0]);
        return Optional.of(new NativeHeap(info.uordblks + info.hblkhd, info.arena + info.hblkhd));
    }

    /**
     * glibc's malloc at one moment.
     *
     * @param inUseBytes bytes handed out and not freed
     * @param heldBytes  bytes of the heaps and mapped blocks malloc holds, in use or free
     */
    public record NativeHeap(long inUseBytes, long heldBytes) {
    }

    /** {@code struct mallinfo2} of glibc 2.33 and later: ten {@code size_t} fields. */
    @Structure.FieldOrder({"arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks",
            "fordblks", "keepcost"})
    public static final class MallInfo2 extends Structure implements Structure.ByValue {
        public long arena;
        public long ordblks;
        public long smblks;
        public long hblks;
        public long hblkhd;
        public long usmblks;
        public long fsmblks;
        public long uordblks;
        public long fordblks;
        public long keepcost;
    }
}
