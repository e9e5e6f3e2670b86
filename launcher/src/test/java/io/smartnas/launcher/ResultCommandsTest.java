package io.smartnas.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import io.smartnas.results.H2Database;
import io.smartnas.results.ResultStore;
import io.smartnas.results.Samples;
import io.smartnas.space.SmartNetConfig;
import io.smartnas.space.evaluation.Evaluation;
import io.smartnas.space.evaluation.ExitMetrics;
import io.smartnas.space.evaluation.Fidelity;
import io.smartnas.space.evaluation.Targets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResultCommandsTest {
    @TempDir
    Path dir;
    private String db;
    private SmartNetConfig accurate;
    private SmartNetConfig fast;

    @BeforeEach
    void aRunWithTwoCandidates() {
        db = dir.resolve("r.mv.db").toString();
        accurate = Samples.config(1);
        fast = Samples.config(2);
        try (ResultStore store = H2Database.open(Path.of(db), true)) {
            long run = store.createRun(Samples.run("demo", new Targets(null, null, 3.0, null)));
            store.putCandidate(Samples.candidate(accurate));
            store.putCandidate(Samples.candidate(fast));
            store.addEvaluation(run, Samples.ok(accurate, Samples.FIDELITY, 0.93, 5));
            store.addEvaluation(run, Samples.ok(fast, Samples.FIDELITY, 0.81, 1));
        }
    }

    @Test
    void runsListsTheRunWithItsBestFeasible() throws Exception {
        Cli cli = Cli.run("runs", "--db", db, "--json");
        assertEquals(ExitCodes.OK, cli.exitCode(), cli.err());
        JsonNode run = Json.MAPPER.readTree(cli.out()).get(0);
        assertEquals(2, run.get("evaluations").asInt());
        assertEquals(fast.id(), run.get("best").asText());
        assertTrue(Cli.run("runs", "--db", db).out().contains("demo"));
    }

    /** The run was created and never ended, and no search holds the database: its process was killed. */
    @Test
    void aRunStoredAsRunningWithoutItsSearchIsSaidToBeKilled() throws Exception {
        assertEquals("killed", Json.MAPPER.readTree(Cli.run("runs", "--db", db, "--json").out()).get(0)
                .get("status").asText());
        String shown = Cli.run("show", "1", "--db", db).out();
        assertTrue(shown.contains("killed") && shown.contains("smartnas search --resume 1"), shown);
        try (ResultStore search = H2Database.openForSearch(Path.of(db), false)) {
            assertEquals("running", Json.MAPPER.readTree(Cli.run("runs", "--db", db, "--json").out()).get(0)
                    .get("status").asText(), "while a search holds the database");
        }
    }

    @Test
    void queryBestPrintsTheFieldsProgramsRelyOn() throws Exception {
        Cli cli = Cli.run("query", "1", "--best", "--db", db, "--json");
        assertEquals(ExitCodes.OK, cli.exitCode(), cli.err());
        JsonNode best = Json.MAPPER.readTree(cli.out()).get(0);
        for (String field : new String[] {"id", "status", "accuracy", "latency_ms", "params", "feasible"}) {
            assertTrue(best.has(field), field);
        }
        assertEquals(fast.id(), best.get("id").asText());
        assertTrue(best.get("feasible").asBoolean());
    }

    @Test
    void targetsGivenNowOverrideTheRunsTargets() throws Exception {
        Cli cli = Cli.run("query", "1", "--best", "--max-latency-ms", "10", "--min-accuracy", "90%", "--db", db,
                "--json");
        JsonNode answer = Json.MAPPER.readTree(cli.out());
        assertEquals(accurate.id(), answer.get(0).get("id").asText());
        assertTrue(answer.get(0).get("feasible").asBoolean());
        assertFalse(answer.get(1).get("feasible").asBoolean());
    }

    @Test
    void queryParetoAndTopAnswerAsCsvToo() {
        Cli pareto = Cli.run("query", "1", "--pareto", "--db", db, "--csv");
        assertEquals(ExitCodes.OK, pareto.exitCode(), pareto.err());
        assertTrue(pareto.out().startsWith("id,status,feasible,accuracy,latency_ms"), "no test accuracy: candidates "
                + "are measured on validation images only: " + pareto.out());
        Cli byTest = Cli.run("query", "1", "--top", "1", "--by", "test_accuracy", "--db", db);
        assertEquals(ExitCodes.BAD_INPUT, byTest.exitCode());
        assertTrue(byTest.err().contains("unknown figure 'test_accuracy'"), byTest.err());
        Cli top = Cli.run("query", "1", "--top", "1", "--by", "latency_ms", "--db", db, "--csv");
        assertEquals(2, top.out().lines().count());
        assertTrue(top.out().contains(fast.id()));
    }

    @Test
    void queryNeedsExactlyOneQuestion() {
        assertEquals(ExitCodes.BAD_INPUT, Cli.run("query", "1", "--db", db).exitCode());
        assertEquals(ExitCodes.BAD_INPUT, Cli.run("query", "1", "--best", "--pareto", "--db", db).exitCode());
    }

    @Test
    void anUnknownRunIsBadInput() {
        Cli cli = Cli.run("show", "7", "--db", db);
        assertEquals(ExitCodes.BAD_INPUT, cli.exitCode());
        assertTrue(cli.err().contains("no run 7"), cli.err());
    }

    @Test
    void aMissingDatabaseIsBadInputAndIsNotCreated() {
        Path absent = dir.resolve("absent.mv.db");
        Cli cli = Cli.run("runs", "--db", absent.toString());
        assertEquals(ExitCodes.BAD_INPUT, cli.exitCode());
        assertTrue(cli.err().contains("no results database here"), cli.err());
        assertFalse(Files.exists(absent));
    }

    @Test
    void showPrintsTheRun() throws Exception {
        Cli cli = Cli.run("show", "1", "--db", db, "--json");
        assertEquals(ExitCodes.OK, cli.exitCode(), cli.err());
        assertEquals(8, Json.MAPPER.readTree(cli.out()).get("settings").get("population").asInt());
    }

    @Test
    void showCountsCandidatesOnceAndNamesTheFinalModel() {
        String before = Cli.run("show", "1", "--db", db).out();
        assertTrue(before.contains("2 candidate(s) measured, 1 feasible"), before);
        assertTrue(before.contains("final model: none"), before);
        try (ResultStore store = H2Database.open(Path.of(db), false)) {
            store.addFinalEvaluation(1, Samples.ok(fast, new Fidelity(5, 0), 0.9, 1), "/models/run-1/model");
        }
        String after = Cli.run("show", "1", "--db", db).out();
        assertTrue(after.contains("2 candidate(s) measured"), "the final training is no candidate: " + after);
        assertTrue(after.contains("final model: " + fast.id() + " trained again (")
                && after.contains("in /models/run-1/model"), after);
        Cli runs = Cli.run("runs", "--db", db, "--json");
        assertTrue(runs.out().contains("\"model\":\"/models/run-1/model\""), "runs names the model: " + runs.out());
    }

    @Test
    void candidateShowsEveryEvaluation() throws Exception {
        Cli cli = Cli.run("candidate", accurate.id(), "--db", db, "--json");
        assertEquals(ExitCodes.OK, cli.exitCode(), cli.err());
        JsonNode candidate = Json.MAPPER.readTree(cli.out());
        assertEquals(1, candidate.get("evaluations").size());
        assertEquals(accurate.size(), candidate.get("evaluations").get(0).get("exits").size());
    }

    @Test
    void candidateIsReadableByDefault() {
        Cli cli = Cli.run("candidate", accurate.id(), "--db", db);
        assertEquals(ExitCodes.OK, cli.exitCode(), cli.err());
        String out = cli.out();
        assertFalse(out.startsWith("{"), "a view for people, not JSON: " + out);
        assertTrue(out.contains("candidate " + accurate.id()) && out.contains("exit") && out.contains("MACs"), out);
        assertTrue(out.lines().anyMatch(l -> l.contains("ok") && l.contains("0.9300")), "the evaluation's row: " + out);
        assertTrue(out.contains("evaluation 1 per exit: exit 0 "), out);
        assertTrue(out.lines().allMatch(l -> l.length() < 200), "no line of JSON: " + out);
    }

    @Test
    void anEarlyExitTimedAboveTheLastIsExplained() {
        SmartNetConfig twoExits = java.util.stream.IntStream.range(1, 100).mapToObj(Samples::config)
                .filter(c -> c.size() >= 2).findFirst().orElseThrow();
        Evaluation ok = Samples.ok(twoExits, Samples.FIDELITY, 0.93, 5);
        List<ExitMetrics> exits = new ArrayList<>(ok.exits());
        ExitMetrics first = exits.get(0);
        exits.set(0, new ExitMetrics(0, first.validationAccuracy(), first.testAccuracy(), 7.68, first.throughput(),
                first.params(), first.buffers(), first.macs()));
        Evaluation slowFirst = new Evaluation(ok.configId(), ok.fidelity(), ok.status(), exits, ok.peakMemoryBytes(),
                false, ok.device(), ok.started(), ok.finished(), "", Map.of("latency_load_average", "3.1"),
                ok.anytimeLatencyMs());
        String note = CandidateCommand.slowEarlyExit(slowFirst).orElseThrow();
        assertTrue(note.contains("exit 0 was timed at 7.680 ms, above the last exit's 5.000 ms")
                && note.contains("load average 3.1"), note);
        assertTrue(CandidateCommand.slowEarlyExit(ok).isEmpty(), "no note where the exits are in order");
    }

    @Test
    void sqlAnswersQueriesAndRefusesWrites() {
        Cli select = Cli.run("sql", "SELECT COUNT(*) AS n FROM evaluations", "--db", db, "--csv");
        assertEquals(ExitCodes.OK, select.exitCode(), select.err());
        assertEquals("n\n2\n", select.out().replace("\r", ""));
        Cli delete = Cli.run("sql", "DELETE FROM evaluations", "--db", db);
        assertEquals(ExitCodes.BAD_INPUT, delete.exitCode());
        assertTrue(delete.err().contains("only queries are allowed"), delete.err());
        assertEquals("n\n2\n", Cli.run("sql", "SELECT COUNT(*) AS n FROM evaluations", "--db", db, "--csv").out()
                .replace("\r", ""));
    }

    /** The account {@code sql} uses cannot reach the file system, the network or Java, whatever the query says. */
    @ParameterizedTest
    @ValueSource(strings = {"SELECT LENGTH(FILE_READ('/etc/shadow'))",
            "SELECT FILE_WRITE(STRINGTOUTF8('x'), '%s/owned.txt')",
            "SELECT * FROM CSVREAD('/etc/passwd')",
            "SELECT CSVWRITE('%s/owned.txt', 'SELECT 1')",
            "SELECT * FROM LINK_SCHEMA('s', '', 'jdbc:h2:%s/linked', 'sa', '', 'PUBLIC')",
            "RUNSCRIPT FROM '%s/owned.txt'",
            "SCRIPT TO '%s/owned.txt'",
            "CREATE ALIAS EXEC FOR 'java.lang.Runtime.exec'",
            "CALL FILE_WRITE(STRINGTOUTF8('x'), '%s/owned.txt')"})
    void sqlRefusesFileNetworkAndJavaFunctions(String query) throws Exception {
        String sql = query.replace("%s", dir.toString());
        byte[] before = Files.readAllBytes(Path.of(db));
        Cli cli = Cli.run("sql", sql, "--db", db);
        assertEquals(ExitCodes.BAD_INPUT, cli.exitCode(), sql + ": " + cli.out());
        assertEquals("", cli.out(), sql);
        try (var files = Files.list(dir)) {
            assertEquals(List.of("SHA256SUMS", "r.mv.db", "r.mv.db.secret"), files.map(f -> f.getFileName()
                    .toString()).sorted().toList(), "nothing written beside the database: " + sql);
        }
        assertArrayEquals(before, Files.readAllBytes(Path.of(db)), sql);
    }
}
