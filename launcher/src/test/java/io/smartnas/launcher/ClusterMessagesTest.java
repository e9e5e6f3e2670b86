package io.smartnas.launcher;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a coordinator and a worker say when the cluster meets the wrong party: a worker with another secret ends with
 * exit 2 saying the secrets differ, and the coordinator says so in one line; random bytes and HTTP requests sent to
 * the cluster port are one line on the coordinator's terminal, without a stack trace; a worker whose coordinator is
 * killed says it lost it, in a few lines.
 */
@Tag("slow")
class ClusterMessagesTest {
    private static final int PORT = 5951;

    @TempDir
    Path dir;

    private Path secret(String name, String text) throws IOException {
        Path file = Files.writeString(dir.resolve(name), text + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void aWorkerWithAnotherSecretAndBytesThatAreNotTheProtocolAreSaidInOneLineEach() throws Exception {
        Path secret = secret("cluster.secret", "a-test-secret-of-enough-characters");
        Path other = secret("other.secret", "another-secret-of-enough-characters");
        Path log = dir.resolve("coordinator.log");
        Process coordinator = new ProcessBuilder(BoundedCommand.command("search", "--data", "synthetic",
                "--evaluations", "2", "--cluster", String.valueOf(PORT), "--secret-file", secret.toString(),
                "--no-local", "--db", dir.resolve("r.mv.db").toString())).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            await(ClusterMessagesTest::listening, coordinator::isAlive);
            assertTrue(listening(), "the coordinator listens: " + Files.readString(log));
            byte[] noise = new byte[256];
            new Random(7).nextBytes(noise);
            send(noise);
            send("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            send("GET /hazelcast/rest/cluster HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

            BoundedCommand.Run worker = BoundedCommand.run(dir, BoundedCommand.command("worker", "--join",
                    "127.0.0.1:" + PORT, "--secret-file", other.toString(), "--port", "5961"),
                    "smartnas worker with another secret", 240);
            BoundedCommand.refused(worker, "127.0.0.1:" + PORT, "another cluster secret");

            // A worker that lost its coordinator to kill -9 says so, not each partition the cluster lost.
            Path workerLog = dir.resolve("worker.log");
            Process admitted = new ProcessBuilder(BoundedCommand.command("worker", "--join", "127.0.0.1:" + PORT,
                    "--secret-file", secret.toString(), "--port", "5971")).directory(dir.toFile())
                    .redirectErrorStream(true).redirectOutput(workerLog.toFile()).start();
            try {
                await(() -> Files.readString(workerLog).contains("admitted"), admitted::isAlive);
                assertTrue(Files.readString(workerLog).contains("admitted"), Files.readString(workerLog));
                String said = Files.readString(log);
                coordinator.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                // Once it looks for a coordinator again, the instance that lost the old one has shut down.
                await(() -> Files.readString(workerLog).contains("no coordinator at"), admitted::isAlive);
                String lost = Files.readString(workerLog);
                assertTrue(lost.contains("no coordinator at"), lost);
                System.out.println("worker said:\n" + lost);
                assertFalse(lost.contains("completely lost"), lost);
                assertTrue(lost.lines().count() < 20, lost.lines().count() + " lines");
                assertTrue(said.contains("refused a member that tried to join with another cluster secret"), said);
            } finally {
                admitted.destroyForcibly();
            }
        } finally {
            coordinator.destroy();
            coordinator.waitFor(30, TimeUnit.SECONDS);
            coordinator.destroyForcibly();
        }
        String said = Files.readString(log);
        System.out.println("coordinator said:\n" + said);
        assertTrue(said.contains("did not speak the cluster's protocol"), said);
        assertFalse(said.matches("(?s).*(Exception|\\bat (com|java|io)\\.[a-z]+).*"), "no stack trace: " + said);
    }

    /**
     * Waits for {@code done}, looking every 200 ms, until it holds, the process waited on ends ({@code alive} says
     * no), or two minutes pass: a deadline against a hang, not a timing the test relies on.
     */
    private static void await(Callable<Boolean> done, BooleanSupplier alive) throws Exception {
        long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (!done.call() && alive.getAsBoolean() && System.nanoTime() < until) {
            Thread.sleep(200);
        }
    }

    private static boolean listening() {
        try (Socket socket = new Socket("127.0.0.1", PORT)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void send(byte[] bytes) {
        try (Socket socket = new Socket("127.0.0.1", PORT)) {
            OutputStream out = socket.getOutputStream();
            out.write(bytes);
            out.flush();
            socket.shutdownOutput();
            socket.setSoTimeout(10_000);
            while (socket.getInputStream().read() >= 0) {
                // until the coordinator closes the connection, having read what was sent
            }
        } catch (IOException closedByThePeer) {
            // refusing is what it should do
        }
    }
}
