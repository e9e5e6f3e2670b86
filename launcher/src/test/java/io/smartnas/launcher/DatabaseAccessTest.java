package io.smartnas.launcher;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A running search's database, tried as another local user would: while a real search runs (as root, in a directory
 * every user may enter), user {@code nobody} can read none of its files and, given the server's port and key that the
 * lock file carries, connects with neither the fixed passwords of earlier versions nor anything else, so cannot reach
 * H2's file functions; and nothing but loopback can reach the server at all. Needs root, to be two users.
 */
@Tag("slow")
class DatabaseAccessTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void anotherUserCanNeitherReadNorConnectToARunningSearchsDatabase() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/usr/bin/setpriv")),
                "this test runs the attempt as user nobody, which needs root and setpriv; skipped");
        Path open = Files.createDirectory(dir.resolve("shared"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path h2 = Files.copy(h2Jar(), open.resolve("h2.jar"));
        Files.setPosixFilePermissions(h2, PosixFilePermissions.fromString("rw-r--r--"));
        Path db = open.resolve("results.mv.db");
        Path lock = open.resolve("results.lock.db");

        Process search = new ProcessBuilder(java(), "-cp", System.getProperty("java.class.path"),
                SmartNas.class.getName(), "search", "--data", "synthetic", "--population", "2", "--evaluations",
                "40", "--subset", "600", "--seconds", "0", "--epochs", "1", "--final-subset", "600",
                "--final-epochs", "1", "--max-size", "2", "--max-depth", "2", "--db",
                open.resolve("results").toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("search.txt").toFile()).start();
        try {
            Properties server = serverOf(lock, search);
            String address = server.getProperty("server");
            String port = address.substring(address.indexOf(':') + 1);
            String key = server.getProperty("id"); // H2's automatic mixed mode uses the lock's id as the server key

            for (Path file : List.of(db, lock, open.resolve("results.mv.db.secret"))) {
                Result read = asNobody("cat", file.toString());
                assertNotEquals(0, read.code(), "nobody read " + file + ": " + read.output());
                assertTrue(read.output().contains("Permission denied"), read.output());
            }
            Path stolen = open.resolve("stolen.txt");
            String sql = "CALL FILE_WRITE(STRINGTOUTF8('x'), '" + open.resolve("owned.txt") + "'); "
                    + "CALL FILE_WRITE(FILE_READ('/etc/shadow'), '" + stolen + "')";
            for (String[] account : new String[][] {{"smartnas", "smartnas"}, {"reader", "reader"}, {"sa", ""}}) {
                Result shell = asNobody(java(), "-XX:-UsePerfData", "-cp", h2.toString(), "org.h2.tools.Shell",
                        "-url", "jdbc:h2:tcp://127.0.0.1:" + port + "/" + key, "-user", account[0], "-password",
                        account[1], "-sql", sql);
                assertTrue(shell.output().contains("Wrong user name or password"), account[0] + ": "
                        + shell.output());
            }
            assertFalse(Files.exists(open.resolve("owned.txt")), "nobody wrote a file as root");
            assertFalse(Files.exists(stolen), "nobody read a file as root");
            for (InetAddress other : nonLoopbackAddresses()) {
                assertThrows(IOException.class, () -> new Socket(other, Integer.parseInt(port)).close(),
                        "the server answers on " + other);
            }
            assertTrue(search.isAlive(), "the search ran all along: "
                    + Files.readString(dir.resolve("search.txt")));
        } finally {
            search.destroyForcibly();
            search.waitFor();
        }
    }

    /** The lock file's properties once the search's server has written its address there. */
    private Properties serverOf(Path lock, Process search) throws Exception {
        long giveUp = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < giveUp) {
            assertTrue(search.isAlive(), "the search ended early: " + Files.readString(dir.resolve("search.txt")));
            if (Files.exists(lock)) {
                Properties properties = new Properties();
                try (InputStream in = Files.newInputStream(lock)) {
                    properties.load(in);
                } catch (IOException e) {
                    continue; // being written
                }
                if (properties.getProperty("server") != null && properties.getProperty("id") != null) {
                    return properties;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no server in " + lock + " within 2 minutes: "
                + Files.readString(dir.resolve("search.txt")));
    }

    private record Result(int code, String output) {
    }

    private static Result asNobody(String... command) throws Exception {
        List<String> line = new ArrayList<>(List.of("/usr/bin/setpriv", "--reuid=nobody", "--regid=nogroup",
                "--clear-groups", "--"));
        line.addAll(List.of(command));
        ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true).directory(Path.of("/").toFile());
        builder.environment().put("HOME", "/nonexistent");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "ends: " + String.join(" ", command));
        return new Result(process.exitValue(), output);
    }

    private static List<InetAddress> nonLoopbackAddresses() throws IOException {
        List<InetAddress> addresses = new ArrayList<>();
        for (NetworkInterface network : NetworkInterface.networkInterfaces().toList()) {
            if (network.isUp() && !network.isLoopback()) {
                network.inetAddresses().filter(a -> a instanceof Inet4Address).forEach(addresses::add);
            }
        }
        return addresses;
    }

    private static Path h2Jar() {
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (Path.of(entry).getFileName().toString().matches("h2-[0-9.]+\\.jar")) {
                return Path.of(entry);
            }
        }
        throw new AssertionError("no H2 jar on the class path");
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
