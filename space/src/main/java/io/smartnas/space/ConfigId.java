package io.smartnas.space;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.stream.Collectors;

/**
 * The stable id of a SmartNet: the first 64 bits, in hex, of the SHA-256 of a fixed textual form of its canonical
 * config. The text is built here by hand (not by a JSON library) so that it cannot change with a library version.
 */
final class ConfigId {
    private static final int ID_BYTES = 8;

    private ConfigId() {
    }

    static String of(SmartNetConfig config) {
        byte[] text = canonicalText(config.canonical()).getBytes(StandardCharsets.UTF_8);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text);
            return HexFormat.of().formatHex(digest, 0, ID_BYTES);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /**
     * The fields of a config in one line, in a fixed order; {@code base} only when above 0, so that every network made
     * before the gene existed keeps its id.
     */
    static String canonicalText(SmartNetConfig config) {
        InputShape in = config.input();
        String cells = config.cells().stream()
                .map(cell -> cell.row() + ":" + cell.col() + ":" + cell.depth() + ":" + cell.from().stream()
                        .map(String::valueOf).collect(Collectors.joining(",")))
                .collect(Collectors.joining(";"));
        return SmartNetConfig.FORMAT + "|input=" + in.channels() + "x" + in.height() + "x" + in.width()
 + "|classes=" + config.classes() + "|stem=" + config.stem() + "|bottleneck=" + config.bottleneck()
                + (config.base() > 0 ? "|base=" + config.base() : "") + "|size=" + config.size() + "|growth=" + config.growth().stream().map(String::valueOf)
                .collect(Collectors.joining(",")) + "|cells=" + cells;
    }
}
