package io.smartnas.evaluator;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;

import java.util.Optional;

/**
 * SmartNAS's native hook ({@code src/main/c/zero_fill.c}, built into {@code linux-x86-64/} on the class path): it
 * takes over the {@code posix_memalign} of chosen libraries of the engine and zeroes the allocations no larger than a
 * bound, leaving larger ones alone.
 */
final class ZeroFillHook {
    private static final String LIBRARY = "smartnas_zerofill";
    private final NativeLibrary library;

    private ZeroFillHook(NativeLibrary library) {
        this.library = library;
    }

    /**
     * The hook, once it has taken over the allocations of every one of {@code libraries} (loaded libraries, by file
     * name); empty where it cannot (another platform, or the hook was not built into this class path).
     */
    static Optional<ZeroFillHook> install(String... libraries) {
        NativeLibrary library;
        try {
            library = NativeLibrary.getInstance(LIBRARY);
        } catch (UnsatisfiedLinkError e) {
            return Optional.empty();
        }
        ZeroFillHook hook = new ZeroFillHook(library);
        hook.zeroUpTo(0);
        for (String name : libraries) {
            if (hook.function("smartnas_hook").invokeInt(new Object[] {name}) < 1) {
                return Optional.empty();
            }
        }
        return Optional.of(hook);
    }

    /** From now on, allocations of at most {@code bytes} are zeroed. */
    void zeroUpTo(long bytes) {
        function("smartnas_zero_up_to").invokeVoid(new Object[] {bytes});
    }

    /** Whether larger allocations are filled with NaN (for tests: the worst recycled memory can hold). */
    void poisonAbove(boolean on) {
        function("smartnas_poison_above").invokeVoid(new Object[] {on ? 1 : 0});
    }

    private Function function(String name) {
        return library.getFunction(name);
    }
}
