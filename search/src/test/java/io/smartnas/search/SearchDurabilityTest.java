package io.smartnas.search;

import io.smartnas.results.ReadOnlyQuery;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A search writer killed with SIGKILL at random points, again and again, while a second process reads the database
 * through the writer (as {@code smartnas sql} does): whatever the reader saw is there after the kill, and no
 * generation row is ever written twice.
 */
@Tag("slow")
class SearchDurabilityTest {
    /** Twelve kills at random points (twenty took 116 s of CI's 15 minutes; the supernet's tests needed room). */
    private static final int KILLS = 12;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void aSearchKilledTwelveTimesAtRandomPointsKeepsEveryRowAReaderSawAndRewritesNoGeneration() throws Exception {
        Path db = dir.resolve("results.mv.db");
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Map<String, String> seenEvaluations = new HashMap<>();
        Map<String, String> seenGenerations = new HashMap<>();
        for (int kill = 1; kill <= KILLS; kill++) {
            Process search = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), KilledSearchProcess.class.getName(), db.toString())
                    .redirectError(dir.resolve("search-" + kill + ".log").toFile()).start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(search.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line = out.readLine();
                assertEquals("open", line, "the search process should open its database");
                freeOldChunksAtOnce(db);
                long killAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200 + random.nextInt(1500));
                while (System.nanoTime() < killAt) {
                    read(db, seenEvaluations, seenGenerations);
                }
                search.destroyForcibly(); // SIGKILL: no shutdown hook, no close
                assertTrue(search.waitFor(30, TimeUnit.SECONDS));
            }
            Map<String, String> evaluations = new HashMap<>();
            Map<String, String> generations = new HashMap<>();
            readAfterTheKill(db, evaluations, generations);
            String context = " (kill " + kill + ", seed " + seed + "; after it " + evaluations.size()
                    + " evaluations and " + generations.size() + " generations, before it " + seenEvaluations.size()
                    + " and " + seenGenerations.size() + " seen)";
            for (var seen : seenEvaluations.entrySet()) {
                assertEquals(seen.getValue(), evaluations.get(seen.getKey()), "evaluation " + seen.getKey()
                        + " was seen before the kill" + context);
            }
            for (var seen : seenGenerations.entrySet()) {
                assertEquals(seen.getValue(), generations.get(seen.getKey()), "generation " + seen.getKey()
                        + " as seen before the kill" + context);
            }
            seenEvaluations.putAll(evaluations);
            seenGenerations.putAll(generations);
        }
        assertTrue(seenGenerations.size() > KILLS, "the search made progress across kills: "
                + seenGenerations.size() + " generations");
    }

    /**
     * A search writes minutes apart, so H2's retention time (45 s) has passed before most commits and the space of old
     * chunks is free again; here it is free at once, so that 20 short runs meet what hours of searching would.
     */
    private static void freeOldChunksAtOnce(Path db) throws SQLException, java.io.IOException {
        String base = db.toAbsolutePath().toString().replaceFirst("\\.mv\\.db$", "");
        java.util.Properties secret = new java.util.Properties();
        try (var in = java.nio.file.Files.newInputStream(db.resolveSibling(db.getFileName() + ".secret"))) {
            secret.load(in);
        }
        try (Connection admin = DriverManager.getConnection("jdbc:h2:file:" + base + ";AUTO_SERVER=TRUE;IFEXISTS=TRUE",
                "smartnas", secret.getProperty("admin")); Statement set = admin.createStatement()) {
            set.execute("SET RETENTION_TIME 0");
        }
    }

    /** What a second process sees, as {@code smartnas sql} sees it; nothing while no database is there yet. */
    private static void read(Path db, Map<String, String> evaluations, Map<String, String> generations) {
        if (!db.toFile().exists()) {
            return;
        }
        try {
            readAfterTheKill(db, evaluations, generations);
        } catch (RuntimeException e) {
            // the writer is still creating the schema, or was killed between two queries
        }
    }

    /** What a process sees once the writer is gone: every query must answer. */
    private static void readAfterTheKill(Path db, Map<String, String> evaluations, Map<String, String> generations) {
        for (List<String> row : ReadOnlyQuery.run(db, "SELECT id, config_id, accuracy FROM evaluations").rows()) {
            evaluations.put(row.get(0), row.get(1) + " " + row.get(2));
        }
        for (List<String> row : ReadOnlyQuery.run(db,
                "SELECT run_id, idx, recorded, population_ids FROM generations").rows()) {
            generations.put(row.get(0) + "/" + row.get(1), row.get(2) + " " + row.get(3));
        }
    }
}
