package io.smartnas.launcher;

import io.smartnas.results.H2Database;
import io.smartnas.space.config.StoredFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;

import static io.smartnas.launcher.BoundedCommand.refused;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Files made to hurt, given to the real command line in its own JVM with bounded memory ({@link BoundedCommand}):
 * parameter files whose length fields or shapes lie (their checksums deleted, as whoever rewrote them would), a
 * truncated results database, one of a newer schema, a query that would sort a billion rows, image file names that forge output lines or cannot be decoded, a cluster port in use,
 * and the PyTorch loader given a safetensors header that lies. Each is refused with exit 2, naming the file and what is
 * wrong, and nothing stored changes.
 */
@Tag("slow")
class HostileFilesTest {
    /** Debian's Python, which has Debian's python3-torch (another python3 on the PATH may not). */
    private static final String PYTHON = "/usr/bin/python3";

    @TempDir
    static Path dir;

    private static Path example;
    private static Path model;

    @BeforeAll
    static void files() throws IOException {
        example = Path.of("..", "examples", "two-exits.json").toAbsolutePath().normalize();
        model = QuickModel.of(example, dir.resolve("model"));
        Files.delete(model.resolve(StoredFiles.SUMS));
    }

    /** Where the first tensor of an exit-group file keeps its shape and its data length. */
    private record TensorHeader(int shapeAt, long[] shape, int lengthAt) {
        static TensorHeader first(byte[] file) {
            byte[] magic = {0, 4, 'N', 'D', 'A', 'R'};
            int at = 0;
            while (!Arrays.equals(file, at, at + magic.length, magic, 0, magic.length)) {
                at++;
            }
            ByteBuffer bytes = ByteBuffer.wrap(file).position(at + magic.length);
            bytes.getInt(); // encoding version
            if (bytes.get() == 1) {
                skipUtf(bytes); // name
            }
            skipUtf(bytes); // sparse format
            skipUtf(bytes); // data type
            long[] shape = new long[bytes.getInt()];
            int shapeAt = bytes.position();
            for (int i = 0; i < shape.length; i++) {
                shape[i] = bytes.getLong();
            }
            bytes.position(bytes.position() + 2 * bytes.getInt() + 1); // layout, byte order
            return new TensorHeader(shapeAt, shape, bytes.position());
        }

        private static void skipUtf(ByteBuffer bytes) {
            bytes.position(bytes.position() + 2 + bytes.getShort());
        }
    }

    private static BoundedCommand.Run infer() throws Exception {
        return BoundedCommand.smartnas(dir, "infer", model.toString(), "--data", "synthetic");
    }

    @Test
    void parameterFilesWhoseLengthFieldsOrShapesLieAreRefusedBeforeAnythingIsAllocated() throws Exception {
        Path group = model.resolve("group-0.params");
        byte[] original = Files.readAllBytes(group);
        TensorHeader first = TensorHeader.first(original);
        try {
            for (int length : new int[] {0x7fffffff, 2_000_000_000}) {
                byte[] lying = original.clone();
                ByteBuffer.wrap(lying).putInt(first.lengthAt(), length);
                Files.write(group, lying);
                refused(infer(), "group-0.params", "tensor 0", "(16, 1, 3, 3)");
            }
            // The same number of values in another shape: [4, 4, 3, 3] for [16, 1, 3, 3].
            assertArrayEquals(new long[] {16, 1, 3, 3}, first.shape());
            byte[] reshaped = original.clone();
            ByteBuffer.wrap(reshaped).putLong(first.shapeAt(), 4).putLong(first.shapeAt() + 8, 4);
            Files.write(group, reshaped);
            refused(infer(), "group-0.params", "tensor 0", "(16, 1, 3, 3)");
            Files.write(group, Arrays.copyOf(original, original.length / 2));
            refused(infer(), "group-0.params", "truncated");
            Files.write(group, Arrays.copyOf(original, original.length + 1000));
            refused(infer(), "group-0.params", "longer than");
        } finally {
            Files.write(group, original);
        }
        assertEquals(ExitCodes.OK, infer().exitCode(), "the restored file loads");
    }

    @Test
    void aTruncatedResultsDatabaseIsNamedDamagedAndNothingIsWrittenToIt() throws Exception {
        Path db = dir.resolve("truncated").resolve("results.mv.db");
        H2Database.open(db, true).close();
        byte[] whole = Files.readAllBytes(db);
        for (int length : new int[] {whole.length / 2, 10_240}) {
            Files.write(db, Arrays.copyOf(whole, length));
            String before = sha256(db);
            refused(BoundedCommand.smartnas(dir, "runs", "--db", db.toString()), db.toString(), "damaged");
            refused(BoundedCommand.smartnas(dir, "sql", "SELECT COUNT(*) FROM evaluations", "--db", db.toString()),
                    "damaged");
            refused(BoundedCommand.smartnas(dir, "search", "--data", "synthetic", "--evaluations", "1", "--db",
                    db.toString()), "damaged", "left as it is");
            assertEquals(before, sha256(db), "nothing was written to the damaged file");
        }
        Files.write(db, whole);
        assertEquals(ExitCodes.OK, BoundedCommand.smartnas(dir, "runs", "--db", db.toString()).exitCode());
    }

    @Test
    void aDatabaseOfANewerSchemaIsRefusedAndNotChangedBySearchOrExport() throws Exception {
        Path db = dir.resolve("newer").resolve("results.mv.db");
        H2Database.open(db, true).close();
        Properties secret = new Properties();
        try (var in = Files.newInputStream(db.resolveSibling("results.mv.db.secret"))) {
            secret.load(in);
        }
        String url = "jdbc:h2:file:" + db.toString().replace(".mv.db", "");
        try (Connection admin = DriverManager.getConnection(url, "smartnas", secret.getProperty("admin"));
             Statement sql = admin.createStatement()) {
            sql.executeUpdate("INSERT INTO \"flyway_schema_history\" (\"installed_rank\", \"version\", "
                    + "\"description\", \"type\", \"script\", \"checksum\", \"installed_by\", \"execution_time\", "
                    + "\"success\") VALUES (99, '99', 'future', 'SQL', 'V99__future.sql', 0, 'someone', 1, TRUE)");
        }
        StoredFiles.record(db); // as the newer SmartNAS that wrote it does on closing it
        String before = sha256(db);
        refused(BoundedCommand.smartnas(dir, "search", "--data", "synthetic", "--evaluations", "1", "--db",
                db.toString()), "newer SmartNAS", "not changed");
        refused(BoundedCommand.smartnas(dir, "export", "1", "--best", "--db", db.toString(), "--out",
                dir.resolve("newer-export").toString()), "newer SmartNAS", "not changed");
        refused(BoundedCommand.smartnas(dir, "runs", "--db", db.toString()), "newer SmartNAS");
        assertEquals(before, sha256(db), "the file was not changed, as the message says");
    }

    @Test
    void aRunawayQueryEndsInWordsWithinItsHeap() throws Exception {
        Path db = dir.resolve("runaway").resolve("results.mv.db");
        H2Database.open(db, true).close();
        refused(BoundedCommand.smartnas(dir, "sql", "SELECT X FROM SYSTEM_RANGE(1, 1000000000) ORDER BY X DESC "
                + "LIMIT 1", "--db", db.toString()), "needs more memory than this process has", "narrow it");
    }

    @Test
    void imageFileNamesThatForgeLinesOrCannotBeDecodedAreShownEscaped() throws Exception {
        Path folder = Images.folder(dir.resolve("names"));
        Path forged = folder.resolve("b").resolve("x.png\nsmartnas: all 16 images read.png");
        Files.writeString(forged, "not an image");
        BoundedCommand.Run run = BoundedCommand.smartnas(dir, "search", "--data", folder.toString(), "--input",
                "1,8,8", "--evaluations", "1");
        refused(run, "x.png\\nsmartnas: all 16 images read.png", "not a readable image");
        assertFalse(run.err().contains("\nsmartnas: all 16"), "no forged line: " + run.err());
        Files.delete(forged);

        Path undecodable = folder.resolve("b");
        Process copy = new ProcessBuilder("bash", "-c", "cp 0.png \"$(printf 'bad\\377name.png')\"")
                .directory(undecodable.toFile()).start();
        assertEquals(0, copy.waitFor());
        refused(BoundedCommand.smartnas(dir, "search", "--data", folder.toString(), "--input", "1,8,8",
                "--evaluations", "1"), "name.png", "not valid in the file-name encoding", "rename it");
        new ProcessBuilder("bash", "-c", "rm -f bad*name.png").directory(undecodable.toFile()).start().waitFor();

        BoundedCommand.Run classes = BoundedCommand.smartnas(dir, "train", example.toString(), "--data",
                folder.toString(), "--epochs", "1");
        refused(classes, "10 classes", "2 classes", "[1, 28, 28]");
        assertFalse(classes.err().contains("InputShape"), classes.err());
    }

    @Test
    void anImageNoOneMayReadIsSaidToBeUnreadable() throws Exception {
        Path folder = Images.folder(dir.resolve("unreadable"));
        Files.setPosixFilePermissions(folder.resolve("a").resolve("3.png"), PosixFilePermissions.fromString("---------"));
        List<String> command = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) { // root reads any file unless it gives up the right to
            assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "root needs setpriv to read as others do");
            String rights = "-dac_override,-dac_read_search";
            command.addAll(List.of("/usr/bin/setpriv", "--inh-caps=" + rights, "--bounding-set=" + rights, "--"));
        }
        command.addAll(BoundedCommand.command("search", "--data", folder.toString(), "--input", "1,8,8",
                "--evaluations", "1", "--db", dir.resolve("unreadable-results").toString()));
        refused(BoundedCommand.run(dir, command, "smartnas search (an image no one may read)"), "3.png",
                "not readable (permission denied)");
    }

    @Test
    void aClusterPortInUseIsRefusedBeforeADatabaseIsMade() throws Exception {
        Path db = dir.resolve("port").resolve("results.mv.db");
        try (ServerSocket taken = new ServerSocket(0)) {
            refused(BoundedCommand.smartnas(dir, "search", "--data", "synthetic", "--evaluations", "1", "--cluster",
                    String.valueOf(taken.getLocalPort()), "--db", db.toString()), "--cluster "
                    + taken.getLocalPort(), "in use");
        }
        assertFalse(Files.exists(db.getParent()), "no database was made");
    }

    @Test
    void thePyTorchLoaderRefusesASafetensorsHeaderThatLies() throws Exception {
        assumeTrue(new ProcessBuilder(PYTHON, "-c", "import torch").start().waitFor() == 0,
                "the PyTorch loader needs python3 with torch (Debian's python3-torch)");
        Path file = model.resolve("model.safetensors");
        byte[] original = Files.readAllBytes(file);
        Path script = Path.of("..", "bench", "pytorch_smartnet.py").toAbsolutePath().normalize();
        try {
            for (long length : new long[] {1L << 60, 1L << 31}) {
                byte[] lying = original.clone();
                ByteBuffer.wrap(lying).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(0, length);
                Files.write(file, lying);
                refused(BoundedCommand.run(dir, List.of(PYTHON, script.toString(), "--model", model.toString()),
                        "pytorch_smartnet.py --model (header length " + length + ")"), "model.safetensors",
                        "header length says " + length);
            }
        } finally {
            Files.write(file, original);
        }
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
