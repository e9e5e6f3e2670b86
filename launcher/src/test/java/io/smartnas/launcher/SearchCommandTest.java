package io.smartnas.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smartnas.results.H2Database;
import io.smartnas.results.NewRun;
import io.smartnas.results.ResultStore;
import io.smartnas.space.config.ConfigFile;
import io.smartnas.space.evaluation.Targets;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("slow")
class SearchCommandTest {
    @TempDir
    Path dir;

    private String db() {
        return dir.resolve("r.mv.db").toString();
    }

    /** A search small enough for a unit test: synthetic data, two tiny candidates per generation. */
    private Cli tinySearch(String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("search", "--data", "synthetic", "--population", "2",
                "--evaluations", "3", "--subset", "200", "--seconds", "0", "--epochs", "1", "--final-subset", "400",
                "--final-epochs", "1", "--max-size", "2", "--max-depth", "1", "--db", db(), "--json"));
        args.addAll(List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }

    @Test
    void aSearchRecordsItsRunAndExportsTheBestAsAConfigFileThatTrains() throws IOException {
        Cli cli = tinySearch("--max-params", "200000");
        assertEquals(ExitCodes.OK, cli.exitCode(), cli.err());
        String[] lines = cli.out().split("\n");
        JsonNode result = Json.MAPPER.readTree(lines[lines.length - 1]);
        assertEquals(1, result.get("run").asInt());
        assertEquals(3, result.get("evaluations").asInt());
        JsonNode best = result.get("best");
        for (String field : new String[] {"id", "accuracy", "latency_ms", "params", "file"}) {
            assertTrue(best.has(field), field);
        }
        Path file = Path.of(best.get("file").asText());
        assertEquals(best.get("id").asText(), ConfigFile.read(file).id());
        assertTrue(ConfigFile.readDocument(file).extras().get("metrics").isArray());
        JsonNode exported = ConfigFile.readDocument(file).extras().get("importance");
        assertTrue(exported.get("layers").size() > 0, "the exported config carries what its network used: " + exported);
        JsonNode candidate = Json.MAPPER.readTree(Cli.run("candidate", best.get("id").asText(), "--db", db(), "--json")
                .out());
        assertEquals(exported, candidate.get("evaluations").get(0).get("importance"), "candidate shows the same");
        Cli runs = Cli.run("runs", "--db", db(), "--json");
        assertEquals(3, Json.MAPPER.readTree(runs.out()).get(0).get("evaluations").asInt());
    }

    @Test
    void aSearchEndsWithItsBestTrainedAgainAsAModelThatInferReads() throws IOException {
        Cli cli = tinySearch();
        assertEquals(ExitCodes.OK, cli.exitCode(), cli.err());
        String[] lines = cli.out().split("\n");
        JsonNode best = Json.MAPPER.readTree(lines[lines.length - 1]).get("best");
        Path model = Path.of(best.get("model").asText());
        assertEquals(dir.resolve("run-1").resolve("model").toAbsolutePath(), model);
        assertTrue(cli.out().contains("model: " + best.get("id").asText() + ", trained again (400 images: "),
                "says what was trained: " + cli.out());
        Cli infer = Cli.run("infer", model.toString(), "--data", "synthetic", "--json");
        assertEquals(ExitCodes.OK, infer.exitCode(), infer.err());
        assertEquals(best.get("test_accuracy").asDouble(), Json.MAPPER.readTree(infer.out())
                .get("last_exit_accuracy").asDouble(), 1e-9, "infer reads the model the search kept, as it was");
        Cli sql = Cli.run("sql", "SELECT COUNT(*) AS n FROM evaluations WHERE final_training AND model_dir = '"
                + model + "'", "--db", db(), "--json");
        assertEquals(1, Json.MAPPER.readTree(sql.out()).get(0).get("n").asInt(), "the database names the model");
        Path deploy = dir.resolve("deploy");
        Cli export = Cli.run("export", "1", "--best", "--trained", "--out", deploy.toString(), "--db", db());
        assertEquals(ExitCodes.OK, export.exitCode(), export.err());
        assertTrue(Files.isRegularFile(deploy.resolve("model").resolve("model.safetensors")), export.out());
        Cli copied = Cli.run("infer", deploy.resolve("model").toString(), "--data", "synthetic", "--json");
        assertEquals(ExitCodes.OK, copied.exitCode(), copied.err());
        assertEquals(best.get("test_accuracy").asDouble(), Json.MAPPER.readTree(copied.out())
                .get("last_exit_accuracy").asDouble(), 1e-9, "the exported copy is the model");
    }

    @Test
    void aKilledRunCanBeResumedWithItsOwnSettings() throws IOException {
        assertEquals(ExitCodes.OK, tinySearch().exitCode());
        try (ResultStore store = H2Database.open(Path.of(db()), false)) {
            store.resumeRun(1); // as a killed run is left: still marked running
        }
        Cli resumed = Cli.run("search", "--resume", "1", "--db", db(), "--json");
        assertEquals(ExitCodes.OK, resumed.exitCode(), resumed.err());
        String[] lines = resumed.out().split("\n");
        assertEquals(3, Json.MAPPER.readTree(lines[lines.length - 1]).get("evaluations").asInt(),
                "the budget was already spent, so nothing more is measured");
    }

    /** The settings of a tiny run as a search stored them before the run description recorded data checksums. */
    private static final String STORED_BEFORE_CHECKSUMS = "{\"preset\":\"quick\",\"strategy\":\"genetic\","
            + "\"objective\":\"multi\",\"targets\":{},\"population\":2,\"evaluations\":2,\"space\":"
            + "{\"max_size\":2,\"max_depth\":1,\"stem_widths\":[8,16,24,32],\"growth_rates\":[4,8,12,16,24,32]},"
            + "\"fidelity\":{\"epochs\":1,\"subset\":200},\"training\":{\"mode\":\"joint\",\"batch_size\":64,"
            + "\"learning_rate\":0.01},\"timing\":{\"warm_up\":2,\"runs\":15,\"batch\":64,\"batch_runs\":2},"
            + "\"data\":\"synthetic\",\"device\":\"auto\",\"seed\":42}";

    @Test
    void aRunStoredBeforeDataChecksumsResumesAndRecordsItsDatasChecksum() throws IOException {
        try (ResultStore store = H2Database.open(Path.of(db()), true)) {
            store.createRun(new NewRun("old", "genetic", Targets.NONE, STORED_BEFORE_CHECKSUMS, "{}"));
        }
        Cli resumed = Cli.run("search", "--resume", "1", "--db", db(), "--json");
        assertEquals(ExitCodes.OK, resumed.exitCode(), resumed.err());
        String[] lines = resumed.out().split("\n");
        assertEquals(2, Json.MAPPER.readTree(lines[lines.length - 1]).get("evaluations").asInt());
        try (ResultStore store = H2Database.openReadOnly(Path.of(db()))) {
            JsonNode settings = Json.MAPPER.readTree(store.run(1).orElseThrow().settings());
            assertTrue(settings.get("data_checksum").asText().startsWith("sha256:"), settings.toString());
        }
    }

    @Test
    void aRunIsNotResumedOnOtherData() throws IOException {
        assertEquals(ExitCodes.OK, tinySearch().exitCode());
        try (ResultStore store = H2Database.open(Path.of(db()), false)) {
            ObjectNode settings = (ObjectNode) Json.MAPPER.readTree(store.run(1).orElseThrow().settings());
            store.updateSettings(1, settings.put("data_checksum", "sha256:0").toString());
        }
        Cli resumed = Cli.run("search", "--resume", "1", "--evaluations", "5", "--db", db());
        assertEquals(ExitCodes.BAD_INPUT, resumed.exitCode());
        assertTrue(resumed.err().contains("is not the data the run started on"), resumed.err());
    }

    @Test
    void aRunMeasuredOnAnotherKindOfDeviceIsNotResumedHere() throws IOException {
        assertEquals(ExitCodes.OK, tinySearch().exitCode());
        try (ResultStore store = H2Database.open(Path.of(db()), false)) {
            ObjectNode settings = (ObjectNode) Json.MAPPER.readTree(store.run(1).orElseThrow().settings());
            assertEquals("cpu", settings.get("device_class").asText(), "a search records where it measures");
            store.updateSettings(1, settings.put("device_class", "gpu").toString());
        }
        Cli resumed = Cli.run("search", "--resume", "1", "--evaluations", "5", "--device", "cpu", "--db", db());
        assertEquals(ExitCodes.BAD_INPUT, resumed.exitCode());
        assertTrue(resumed.err().contains("the run measures on a gpu"), resumed.err());
    }

    @Test
    void aFinishedRunIsNotResumed() {
        assertEquals(ExitCodes.OK, tinySearch().exitCode());
        Cli resumed = Cli.run("search", "--resume", "1", "--db", db());
        assertEquals(ExitCodes.BAD_INPUT, resumed.exitCode());
        assertTrue(resumed.err().contains("run 1 finished"), resumed.err());
    }

    @Test
    void aFinishedRunGoesOnWhenItsBudgetIsRaisedAndKeepsTheRaisedBudget() throws IOException {
        assertEquals(ExitCodes.OK, tinySearch().exitCode());
        Cli resumed = Cli.run("search", "--resume", "1", "--evaluations", "5", "--db", db(), "--json");
        assertEquals(ExitCodes.OK, resumed.exitCode(), resumed.err());
        String[] lines = resumed.out().split("\n");
        assertEquals(5, Json.MAPPER.readTree(lines[lines.length - 1]).get("evaluations").asInt());
        try (ResultStore store = H2Database.openReadOnly(Path.of(db()))) {
            assertEquals(5, Json.MAPPER.readTree(store.run(1).orElseThrow().settings()).get("evaluations").asInt());
        }
    }

    @Test
    void optionsThatWouldChangeAResumedRunAreRefusedBeforeAnythingIsOpened() {
        Cli resumed = Cli.run("search", "--resume", "1", "--population", "99", "--db", db());
        assertEquals(ExitCodes.BAD_INPUT, resumed.exitCode());
        assertTrue(resumed.err().contains("--population cannot apply"), resumed.err());
        assertFalse(Files.exists(Path.of(db())));
    }

    @Test
    void aMemoryTargetBelowTheSmallestNetworkIsBadInputAndTrainsNothing() {
        Cli cli = tinySearch("--max-params", "50");
        assertEquals(ExitCodes.BAD_INPUT, cli.exitCode());
        assertTrue(cli.err().contains("no network of this space meets the memory target"), cli.err());
        assertFalse(Files.exists(Path.of(db())), "no database is created for bad input");
    }

    @Test
    void resumingARunOfAMissingDatabaseIsBadInputAndCreatesNothing() throws IOException {
        Cli cli = Cli.run("search", "--resume", "1", "--db", db());
        assertEquals(ExitCodes.BAD_INPUT, cli.exitCode());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(), files.toList());
        }
    }

    @Test
    void anUnknownOptionIsBadInput() {
        assertEquals(ExitCodes.BAD_INPUT, tinySearch("--evaluatoins", "3").exitCode());
    }

    @Test
    void aSettingsFileThatDoesNotParseIsBadInput() throws IOException {
        Path settings = Files.writeString(dir.resolve("run.json"), "{\"population\": 4,");
        Cli cli = tinySearch("--settings", settings.toString());
        assertEquals(ExitCodes.BAD_INPUT, cli.exitCode());
        assertTrue(cli.err().contains("run.json: not valid JSON"), cli.err());
    }

    @Test
    void anUnknownSettingIsNamed() throws IOException {
        Path settings = Files.writeString(dir.resolve("run.yaml"), "populaton: 4\n");
        Cli cli = tinySearch("--settings", settings.toString());
        assertEquals(ExitCodes.BAD_INPUT, cli.exitCode());
        assertTrue(cli.err().contains("run.yaml: 'populaton' is not a known field"), cli.err());
    }

    @Test
    void aYamlSettingsFileIsReadAndStoredWithTheRun() throws IOException {
        Path settings = Files.writeString(dir.resolve("run.yaml"),
                "name: from yaml\nstrategy: random\ntargets:\n  min_accuracy: 10%\n");
        Cli cli = tinySearch("--settings", settings.toString());
        assertEquals(ExitCodes.OK, cli.exitCode(), cli.err());
        JsonNode run = Json.MAPPER.readTree(Cli.run("show", "1", "--db", db(), "--json").out());
        assertEquals("from yaml", run.get("name").asText());
        assertEquals("random", run.get("strategy").asText());
        assertEquals(0.1, run.get("targets").get("min_accuracy").asDouble(), 1e-12);
        assertEquals(2, run.get("settings").get("population").asInt(), "options override the file");
    }

    @Test
    void anImpossibleTargetValueIsBadInput() {
        assertEquals(ExitCodes.BAD_INPUT, tinySearch("--min-accuracy", "1.5").exitCode());
        assertEquals(ExitCodes.BAD_INPUT, tinySearch("--max-latency-ms", "-1").exitCode());
        assertEquals(ExitCodes.BAD_INPUT, tinySearch("--max-memory", "lots").exitCode());
    }

    @Test
    void exportWritesTheParetoFront() {
        assertEquals(ExitCodes.OK, tinySearch().exitCode());
        Cli cli = Cli.run("export", "1", "--pareto", "--out", dir.resolve("front").toString(), "--db", db());
        assertEquals(ExitCodes.OK, cli.exitCode(), cli.err());
        assertFalse(cli.out().isBlank());
        cli.out().lines().forEach(line -> assertTrue(Files.exists(Path.of(line)), line));
    }

    @Test
    void aSearchWithALatencyTargetTrainsNoCandidateItsDeviceProfilePredictsAboveIt() throws IOException {
        // 0.1 ms per convolution: a one-exit network with a pruned block is predicted at 0.2 ms, with one layer at 0.4.
        long profile = StoredProfiles.store(Path.of(db()), StoredProfiles.perConv(0.1));
        Cli cli = Cli.run("search", "--data", "synthetic", "--population", "3", "--evaluations", "6", "--subset",
                "200", "--seconds", "0", "--epochs", "1", "--final-subset", "400", "--final-epochs", "1", "--max-size",
                "2", "--max-depth", "1", "--device", "cpu",
                "--max-latency-ms", "0.35", "--db", db(), "--json");
        assertEquals(ExitCodes.OK, cli.exitCode(), cli.err());
        String lastExitPrediction = " FROM evaluations e JOIN candidates c ON c.config_id = e.config_id "
                + "JOIN latency_predictions p ON p.config_id = e.config_id AND p.exit_index = c.size - 1 "
                + "AND p.profile_id = " + profile;
        assertEquals("n\n0\n", sql("SELECT COUNT(*) AS n" + lastExitPrediction
                + " WHERE e.status <> 'rejected-by-cost' AND p.latency_ms > 0.35"), "trained above the target");
        assertEquals("n\n0\n", sql("SELECT COUNT(*) AS n" + lastExitPrediction
                + " WHERE e.status = 'rejected-by-cost' AND p.latency_ms <= 0.35"), "rejected below the target");
        assertEquals("n\n0\n", sql("SELECT COUNT(*) AS n FROM evaluations e WHERE NOT EXISTS (SELECT 1 FROM "
                + "latency_predictions p WHERE p.config_id = e.config_id)"), "every candidate has its prediction");
        String rejected = sql("SELECT COUNT(*) AS n FROM evaluations WHERE status = 'rejected-by-cost'");
        String trained = sql("SELECT COUNT(*) AS n FROM evaluations WHERE status = 'ok'");
        assertFalse(rejected.equals("n\n0\n") || trained.equals("n\n0\n"),
                "the seeded search proposes networks on both sides of the target: " + rejected + trained);
        String id = sql("SELECT MIN(config_id) AS id FROM evaluations WHERE status = 'ok'").split("\n")[1];
        JsonNode candidate = Json.MAPPER.readTree(Cli.run("candidate", id, "--db", db(), "--json").out());
        JsonNode predicted = candidate.get("predicted_latency").get(0);
        assertEquals(profile, predicted.get("profile").asLong());
        assertTrue(predicted.get("latency_ms").get(predicted.get("latency_ms").size() - 1).asDouble() <= 0.35);
        assertTrue(candidate.get("evaluations").get(0).get("exits").get(0).has("latency_ms"), "measured beside it");
    }

    private String sql(String query) {
        Cli cli = Cli.run("sql", query, "--db", db(), "--csv");
        assertEquals(ExitCodes.OK, cli.exitCode(), cli.err());
        return cli.out().replace("\r", "");
    }
}
