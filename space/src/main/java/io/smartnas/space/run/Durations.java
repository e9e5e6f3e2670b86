package io.smartnas.space.run;

import io.smartnas.space.InvalidInputException;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as users write them and read them: {@code 90s}, {@code 15m}, {@code 2h}, {@code 1m40s}. */
public final class Durations {
    private static final Pattern PARTS = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

    private Durations() {
    }

    /**
     * A duration like {@code 90s}, {@code 15m}, {@code 2h}, {@code 1h30m}, {@code 1m40s} or ISO-8601 {@code PT15M}
     * (negative with a minus sign, for the caller to refuse in its own words).
     *
     * @throws InvalidInputException if the text is none of these
     */
    public static Duration parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("p") || t.startsWith("-p")) {
                return Duration.parse(t.toUpperCase(Locale.ROOT));
            }
            boolean negative = t.startsWith("-");
            Matcher parts = PARTS.matcher(negative ? t.substring(1) : t);
            if (t.length() <= (negative ? 1 : 0) || !parts.matches()) {
                throw new NumberFormatException();
            }
            Duration d = Duration.ZERO;
            for (int g = 1; g <= 3; g++) {
                if (parts.group(g) != null) {
                    long value = Long.parseLong(parts.group(g));
                    d = d.plus(g == 1 ? Duration.ofHours(value) : g == 2 ? Duration.ofMinutes(value)
                            : Duration.ofSeconds(value));
                }
            }
            return negative ? d.negated() : d;
        } catch (RuntimeException e) {
            throw new InvalidInputException("time must be like 90s, 15m, 2h, 1m40s or PT15M, got '" + text + "'");
        }
    }

    /** {@code d} as the options take it, to the second: {@code 1m40s}, {@code 2h}, {@code 0s}. */
    public static String text(Duration d) {
        long seconds = Math.round(d.toMillis() / 1000.0);
        if (seconds == 0) {
            return d.isZero() ? "0s" : d.toMillis() + "ms";
        }
        StringBuilder text = new StringBuilder(seconds < 0 ? "-" : "");
        seconds = Math.abs(seconds);
        long hours = seconds / 3600;
        long minutes = seconds / 60 % 60;
        long rest = seconds % 60;
        if (hours > 0) {
            text.append(hours).append('h');
        }
        if (minutes > 0) {
            text.append(minutes).append('m');
        }
        if (rest > 0) {
            text.append(rest).append('s');
        }
        return text.toString();
    }
}
