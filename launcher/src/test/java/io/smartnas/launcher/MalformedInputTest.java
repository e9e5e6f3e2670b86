package io.smartnas.launcher;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smartnas.space.config.ConfigFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every class of malformed input, given to the real command line in its own JVM with a 512 MB heap and 256 MB of direct
 * memory, so that an unbounded read fails: each is refused with exit code 2 and a message naming the file or option
 * and the problem, without a Java name, and without the process growing past 1.5 GB resident. Each run's time and peak memory are printed; the hang guard is 60 s, since a time
 * limit on a shared machine would fail for the machine's load rather than the code's.
 */
class MalformedInputTest {
    private static final long MAX_RESIDENT_KB = 1_500_000;

    @TempDir
    static Path dir;

    private static Path example;

    @BeforeAll
    static void files() throws IOException {
        example = Path.of("..", "examples", "two-exits.json").toAbsolutePath().normalize();
    }

    private record Run(int exitCode, String err, double seconds, long peakKb) {
    }

    private static Run smartnas(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx512m", "-XX:MaxDirectMemorySize=256m", "-cp", System.getProperty("java.class.path"), SmartNas.class.getName()));
        command.addAll(List.of(args));
        Path err = Files.createTempFile(dir, "err", ".txt");
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile()).start();
        Path status = Path.of("/proc", String.valueOf(process.pid()), "status");
        long peak = 0;
        while (!process.waitFor(20, TimeUnit.MILLISECONDS)) {
            peak = Math.max(peak, peakKb(status));
            if (System.nanoTime() - start > TimeUnit.SECONDS.toNanos(60)) {
                process.destroyForcibly();
                throw new AssertionError("smartnas " + String.join(" ", args) + " still ran after 60 s");
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Run run = new Run(process.exitValue(), Files.readString(err), seconds, peak);
        System.out.printf("smartnas %s: exit %d in %.2f s, peak %d MB resident%n", String.join(" ", args).length()
                > 80 ? args[0] + " ..." : String.join(" ", args), run.exitCode(), seconds, peak / 1024);
        return run;
    }

    private static long peakKb(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException gone) {
            // the process ended between two looks
        }
        return 0;
    }

    private static void refused(Run run, String... expected) {
        assertEquals(ExitCodes.BAD_INPUT, run.exitCode(), run.err());
        for (String text : expected) {
            assertTrue(run.err().contains(text), "expected '" + text + "' in: " + run.err());
        }
        assertFalse(run.err().matches("(?s).*(Exception|\\bat [a-z]+\\.|java\\.lang|com\\.fasterxml).*"),
                "no Java names or stack traces: " + run.err());
        assertTrue(run.peakKb() < MAX_RESIDENT_KB, run.peakKb() + " KB resident");
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
        refused(smartnas("describe", file("deep.json", "[".repeat(100_000) + "]".repeat(100_000)).toString()),
                "deep.json", "nested deeper than");
    }

    @Test
    void aHugeString() throws Exception {
        Path big = file("big.json", "{\"format\": \"" + "x".repeat(50_000_000) + "\"}");
        refused(smartnas("describe", big.toString()), "big.json", "larger than");
    }

    @Test
    void hugeNumbers() throws Exception {
        refused(smartnas("describe", exampleWith("growth.json", "growth", "[100000, 8]").toString()),
                "growth.json", "growth[0]", "at most 256");
        refused(smartnas("describe", exampleWith("stem.json", "stem", "1e400").toString()), "stem.json", "stem",
                "whole number");
        refused(smartnas("describe", exampleWith("size.json", "size", "1000").toString()), "size.json", "size",
                "at most 8");
    }

    @Test
    void wrongTypesNegativeDurationsAndFractionalCountsInSettings() throws Exception {
        refused(smartnas("search", "--data", "synthetic", "--settings",
                file("types.json", "{\"fidelity\": \"fast\"}").toString()), "types.json", "fidelity", "an object");
        refused(smartnas("search", "--data", "synthetic", "--settings",
                file("negative.json", "{\"time\": \"-5m\"}").toString()), "time must be positive");
        refused(smartnas("search", "--data", "synthetic", "--settings",
                file("fraction.yaml", "population: 4.7\n").toString()), "fraction.yaml", "population",
                "whole number");
        refused(smartnas("search", "--data", "synthetic", "--settings",
                file("twice.yaml", "population: 4\npopulation: 5\n").toString()), "twice.yaml", "Duplicate");
        refused(smartnas("search", "--data", "synthetic", "--max-latency-ms", "Infinity"), "latency target");
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
        refused(smartnas("search", "--data", data.toString()), "train-labels-idx1-ubyte.gz", "label 255 appears");
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
        refused(smartnas("infer", model.toString(), "--exits", "2", "--data", "synthetic"), "group-1.params",
                "damaged");
    }

    @Test
    void deviceFilesWhereAFileIsMeant() throws Exception {
        refused(smartnas("describe", "/dev/zero"), "/dev/zero", "not a regular file");
        refused(smartnas("describe", "/dev/urandom"), "/dev/urandom", "not a regular file");
        refused(smartnas("search", "--data", "synthetic", "--settings", "/dev/zero"), "/dev/zero",
                "not a regular file");
    }

    @Test
    void anImageThatDeclaresMorePixelsThanItHasIsRefusedBeforeItIsDecoded() throws Exception {
        Path folder = dir.resolve("bomb");
        for (String label : new String[] {"a", "b"}) {
            Path classDir = Files.createDirectories(folder.resolve(label));
            for (int i = 0; i < 8; i++) {
                Files.write(classDir.resolve(i + ".png"), png(8, 8));
            }
        }
        Files.write(folder.resolve("b").resolve("9-bomb.png"), declaring(png(8, 8), 30_000, 30_000));
        refused(smartnas("search", "--data", folder.toString(), "--input", "1,8,8", "--evaluations", "1"),
                "9-bomb.png", "declares 30000x30000 pixels");
    }

    /** A gray PNG of the given size. */
    private static byte[] png(int width, int height) throws IOException {
        var image = new java.awt.image.BufferedImage(width, height, java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
        var out = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(image, "png", out);
        return out.toByteArray();
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
        refused(smartnas("tune", "--help"), "unknown command 'tune'");
        refused(smartnas("query", "1", "--best", "--limit", "-1"), "--limit must be at least 1");
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
