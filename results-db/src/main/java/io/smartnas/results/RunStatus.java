package io.smartnas.results;

import java.util.Arrays;
import java.util.Locale;

/**
 * Where a run stands. A run still marked {@code running} whose process is gone was killed; it and an
 * {@code interrupted} one (stopped by Ctrl-C or SIGTERM at a safe point) can be resumed.
 */
public enum RunStatus {
    RUNNING, FINISHED, STOPPED, FAILED, INTERRUPTED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RunStatus ofLabel(String label) {
        return Arrays.stream(values()).filter(s -> s.label().equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown run status: " + label));
    }
}
