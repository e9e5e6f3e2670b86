package io.smartnas.space;

import java.nio.file.Path;

/**
 * Names from the file system as a message may print them: a name can hold a newline or a terminal's escape sequence
 * (and so forge an output line), which are shown escaped.
 */
public final class Printable {
    private Printable() {
    }

    /** {@code path} with its control characters escaped ({@code \n}, {@code \t}, {@code \x1b}). */
    public static String path(Path path) {
        return text(path.toString());
    }

    /** {@code text} with its control characters escaped. */
    public static String text(String text) {
        StringBuilder shown = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> shown.append("\\n");
                case '\r' -> shown.append("\\r");
                case '\t' -> shown.append("\\t");
                case '\\' -> shown.append("\\\\");
                default -> {
                    if (Character.isISOControl(c)) {
                        shown.append(String.format("\\x%02x", (int) c));
                    } else {
                        shown.append(c);
                    }
                }
            }
        }
        return shown.toString();
    }

    /** Whether a file name came from bytes that are not valid in the file-name encoding (Java cannot open such a file). */
    public static boolean undecodable(Path path) {
        return path.toString().indexOf('\uFFFD') >= 0;
    }
}
