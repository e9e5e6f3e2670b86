package io.smartnas.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An asynchronous search whose candidates are evaluated by two worker processes on loopback, one of which is killed
 * with {@code kill -9} in the middle of an evaluation: its candidate goes to the other worker, and the run completes
 * its budget with every candidate stored exactly once; {@code show} says who measured them.
 */
@Tag("slow")
class ClusterSearchTest {
    private static final int PORT = 5931;
    private static final int EVALUATIONS = 6;

    @TempDir
    Path dir;

    private Process worker(Path secret, Path log) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), SmartNas.class.getName(), "worker",
                "--join", "127.0.0.1:" + PORT, "--secret-file", secret.toString(), "--port", "5941"));
        return new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
    }

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void aWorkerKilledMidEvaluationLosesNothingAndStoresNothingTwice() throws Exception {
        Path secret = dir.resolve("cluster.secret");
        Files.writeString(secret, "a-test-secret-of-enough-characters\n");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        String db = dir.resolve("r.mv.db").toString();
        CompletableFuture<Cli> search = CompletableFuture.supplyAsync(() -> Cli.run("search", "--data", "synthetic",
                "--strategy", "asynchronous", "--population", "3", "--evaluations", String.valueOf(EVALUATIONS),
                "--subset", "600", "--seconds", "0", "--epochs", "1", "--final-subset", "400", "--final-epochs", "1",
                "--max-size", "2", "--max-depth", "1", "--cluster", String.valueOf(PORT),
                "--secret-file", secret.toString(), "--no-local", "--db", db, "--json"));
        Path firstLog = dir.resolve("first.log");
        Process first = worker(secret, firstLog);
        Path secondLog = dir.resolve("second.log");
        Process second = worker(secret, secondLog);
        try {
            // Kill the first worker once it has started an evaluation.
            long until = System.currentTimeMillis() + 180_000;
            while (System.currentTimeMillis() < until && !Files.readString(firstLog).contains("evaluating ")) {
                Thread.sleep(200);
            }
            assertTrue(Files.readString(firstLog).contains("evaluating "), Files.readString(firstLog));
            first.destroyForcibly();
            Cli done = search.get(6, TimeUnit.MINUTES);
            assertEquals(ExitCodes.OK, done.exitCode(), done.err());
            String[] lines = done.out().split("\n");
            JsonNode result = Json.MAPPER.readTree(lines[lines.length - 1]);
            assertEquals(EVALUATIONS, result.get("evaluations").asInt());

            Cli counts = Cli.run("sql", "SELECT config_id, COUNT(*) AS n FROM evaluations WHERE run_id = 1 "
                    + "AND NOT final_training AND status <> 'cut' GROUP BY config_id", "--db", db, "--json");
            assertEquals(ExitCodes.OK, counts.exitCode(), counts.err());
            JsonNode rows = Json.MAPPER.readTree(counts.out());
            assertEquals(EVALUATIONS, rows.size(), counts.out());
            for (JsonNode row : rows) {
                assertEquals(1, row.get("n").asInt(), "stored once: " + row);
            }
            // The candidate the killed worker was evaluating was measured by the other one.
            String log = Files.readString(firstLog);
            String killedId = log.substring(log.indexOf(" as worker ") + 11).split("\\s")[0];
            String lastStarted = log.substring(log.lastIndexOf("evaluating ") + 11).split("\\s")[0];
            Cli measuredBy = Cli.run("sql", "SELECT provenance FROM evaluations WHERE run_id = 1 AND config_id = '"
                    + lastStarted + "' AND NOT final_training", "--db", db, "--json");
            JsonNode provenance = Json.MAPPER.readTree(Json.MAPPER.readTree(measuredBy.out()).get(0).elements()
                    .next().asText());
            assertTrue(provenance.get("worker").asText().contains(" "), provenance.toString());
            assertTrue(!provenance.get("worker").asText().contains(killedId), "measured by the worker that "
                    + "survived, not " + killedId + ": " + provenance);
            Cli show = Cli.run("show", "1", "--db", db, "--json");
            JsonNode measured = Json.MAPPER.readTree(show.out()).get("measured_by");
            assertEquals(1, measured.size(), "the survivor measured everything: " + measured);
            String survivor = measured.fieldNames().next();
            assertTrue(!survivor.contains(killedId) && measured.get(survivor).asInt() >= EVALUATIONS, measured
                    .toString());
            assertEquals(1, Json.MAPPER.readTree(Cli.run("runs", "--db", db, "--json").out()).get(0).get("workers")
                    .asInt());
            assertTrue(second.waitFor(60, TimeUnit.SECONDS), "the surviving worker leaves when the run finishes");
            assertEquals(0, second.exitValue(), Files.readString(secondLog));
        } finally {
            first.destroyForcibly();
            second.destroyForcibly();
        }
    }
}
