package io.smartnas.launcher;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smartnas.space.config.ConfigFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;


/**
 * Every class of malformed input, given to the real command line in its own JVM with bounded memory
 * ({@link BoundedCommand}): each is refused with exit code 2 and a message naming the file or option and the problem.
 */
@Tag("slow")
class MalformedInputTest {
    @TempDir
    static Path dir;

    private static Path example;

    @BeforeAll
    static void files() throws IOException {
        example = Path.of("..", "examples", "two-exits.json").toAbsolutePath().normalize();
    }

    private static BoundedCommand.Run smartnas(String... args) throws Exception {
        return BoundedCommand.smartnas(dir, args);
    }

    private static Path file(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private static Path exampleWith(String name, String field, String json) throws IOException {
        ObjectNode root = ConfigFile.toJson(ConfigFile.read(example));
        root.set(field, Json.MAPPER.readTree(json));
        return file(name, root.toString());
    }

    @Test
    void deepNesting() throws Exception {
        BoundedCommand.refused(smartnas("describe", file("deep.json", "[".repeat(100_000) + "]".repeat(100_000)).toString()),
                "deep.json", "nested deeper than");
    }

    @Test
    void aHugeString() throws Exception {
        Path big = file("big.json", "{\"format\": \"" + "x".repeat(50_000_000) + "\"}");
        BoundedCommand.refused(smartnas("describe", big.toString()), "big.json", "larger than");
    }

    @Test
    void hugeNumbers() throws Exception {
        BoundedCommand.refused(smartnas("describe", exampleWith("growth.json", "growth", "[100000, 8]").toString()),
                "growth.json", "growth[0]", "at most 256");
        BoundedCommand.refused(smartnas("describe", exampleWith("stem.json", "stem", "1e400").toString()), "stem.json", "stem",
                "whole number");
        BoundedCommand.refused(smartnas("describe", exampleWith("size.json", "size", "1000").toString()), "size.json", "size",
                "at most 8");
    }

    @Test
    void wrongTypesNegativeDurationsAndFractionalCountsInSettings() throws Exception {
        BoundedCommand.refused(smartnas("search", "--data", "synthetic", "--settings",
                file("types.json", "{\"fidelity\": \"fast\"}").toString()), "types.json", "fidelity", "an object");
        BoundedCommand.refused(smartnas("search", "--data", "synthetic", "--settings",
                file("negative.json", "{\"time\": \"-5m\"}").toString()), "time must be positive");
        BoundedCommand.refused(smartnas("search", "--data", "synthetic", "--settings",
                file("fraction.yaml", "population: 4.7\n").toString()), "fraction.yaml", "population",
                "whole number");
        BoundedCommand.refused(smartnas("search", "--data", "synthetic", "--settings",
                file("twice.yaml", "population: 4\npopulation: 5\n").toString()), "twice.yaml", "Duplicate");
        BoundedCommand.refused(smartnas("search", "--data", "synthetic", "--max-latency-ms", "Infinity"), "latency target");
    }

    @Test
    void labelsOutsideTheClasses() throws Exception {
        Path data = Files.createDirectories(dir.resolve("labels"));
        idx(data.resolve("train-images-idx3-ubyte.gz"), new int[] {20, 28, 28}, new byte[20 * 28 * 28]);
        byte[] labels = new byte[20];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = (byte) (i % 10);
        }
        labels[3] = (byte) 255;
        idx(data.resolve("train-labels-idx1-ubyte.gz"), new int[] {20}, labels);
        idx(data.resolve("t10k-images-idx3-ubyte.gz"), new int[] {10, 28, 28}, new byte[10 * 28 * 28]);
        idx(data.resolve("t10k-labels-idx1-ubyte.gz"), new int[] {10}, new byte[10]);
        BoundedCommand.refused(smartnas("search", "--data", data.toString()), "train-labels-idx1-ubyte.gz", "label 255 appears");
    }

    @Test
    void aDamagedParameterFile() throws Exception {
        Path model = QuickModel.of(example, dir.resolve("model"));
        Path group = model.resolve("group-1.params");
        byte[] bytes = Files.readAllBytes(group);
        for (int i = bytes.length / 3; i < bytes.length / 3 + 400; i++) {
            bytes[i] ^= (byte) 0x5a;
        }
        Files.write(group, bytes);
        BoundedCommand.refused(smartnas("infer", model.toString(), "--exits", "2", "--data", "synthetic"), "group-1.params",
                "damaged");
    }

    @Test
    void deviceFilesWhereAFileIsMeant() throws Exception {
        BoundedCommand.refused(smartnas("describe", "/dev/zero"), "/dev/zero", "not a regular file");
        BoundedCommand.refused(smartnas("describe", "/dev/urandom"), "/dev/urandom", "not a regular file");
        BoundedCommand.refused(smartnas("search", "--data", "synthetic", "--settings", "/dev/zero"), "/dev/zero",
                "not a regular file");
    }

    @Test
    void anImageThatDeclaresMorePixelsThanItHasIsRefusedBeforeItIsDecoded() throws Exception {
        Path folder = Images.folder(dir.resolve("bomb"));
        Files.write(folder.resolve("b").resolve("9-bomb.png"), declaring(Images.png(8, 8), 30_000, 30_000));
        BoundedCommand.refused(smartnas("search", "--data", folder.toString(), "--input", "1,8,8", "--evaluations", "1"),
                "9-bomb.png", "declares 30000x30000 pixels");
    }

    /** The PNG with its header saying {@code width} x {@code height} (and its header's checksum to match). */
    private static byte[] declaring(byte[] png, int width, int height) {
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.wrap(png.clone());
        bytes.putInt(16, width).putInt(20, height); // IHDR: 8-byte signature, length, type, then width and height
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(bytes.array(), 12, 17);
        bytes.putInt(29, (int) crc.getValue());
        return bytes.array();
    }

    @Test
    void unknownCommandsAndBadOptionValues() throws Exception {
        BoundedCommand.refused(smartnas("tune", "--help"), "unknown command 'tune'");
        BoundedCommand.refused(smartnas("query", "1", "--best", "--limit", "-1"), "--limit must be at least 1");
    }

    private static void idx(Path file, int[] dimensions, byte[] data) throws IOException {
        try (var out = new java.io.DataOutputStream(new GZIPOutputStream(Files.newOutputStream(file)))) {
            out.writeInt(0x0800 | dimensions.length);
            for (int d : dimensions) {
                out.writeInt(d);
            }
            out.write(data);
        }
    }
}
