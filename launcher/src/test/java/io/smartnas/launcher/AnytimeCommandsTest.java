package io.smartnas.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smartnas.space.Cell;
import io.smartnas.space.InputShape;
import io.smartnas.space.SmartNetConfig;
import io.smartnas.space.config.ConfigDocument;
import io.smartnas.space.config.ConfigFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Anytime inference, growing and shrinking, on a small three-exit model trained on synthetic 8x8 images. */
class AnytimeCommandsTest {
    @TempDir
    static Path dir;
    static Path model;

    @BeforeAll
    static void trainAThreeExitModel() throws IOException {
        SmartNetConfig config = new SmartNetConfig(new InputShape(1, 8, 8), 4, 8, 4, 3, List.of(8, 8, 8), List.of(
                new Cell(0, 0, 1, List.of()), new Cell(0, 1, 1, List.of()), new Cell(1, 1, 1, List.of(0)),
                new Cell(0, 2, 1, List.of()), new Cell(1, 2, 1, List.of()), new Cell(2, 2, 1, List.of(1))));
        Path file = dir.resolve("three.json");
        ConfigFile.write(ConfigDocument.of(config), file);
        model = dir.resolve("model");
        Cli cli = Cli.run("train", file.toString(), "--data", "synthetic", "--epochs", "1", "--out", model.toString(),
                "--json");
        assertEquals(ExitCodes.OK, cli.exitCode(), cli.err());
        assertTrue(Files.exists(model.resolve("policy.json")), "train --out calibrates a policy");
    }

    @Test
    void inferReportsTheFieldsProgramsRelyOn() throws IOException {
        JsonNode result = infer(model);
        for (String field : new String[] {"accuracy", "last_exit_accuracy", "avg_macs", "last_exit_macs",
                "exit_share", "latency_ms"}) {
            assertTrue(result.has(field), field);
        }
        assertEquals(3, result.get("exit_share").size());
        assertTrue(result.get("avg_macs").asDouble() <= result.get("last_exit_macs").asDouble());
    }

    @Test
    void loadingOneExitReadsOnlyGroupZeroAndAnswersAsTheFullModelsFirstExit() throws IOException {
        Path copy = copyOf(model, "first-only");
        Files.delete(copy.resolve("group-1.params"));
        Files.delete(copy.resolve("group-2.params"));
        JsonNode first = infer(copy, "--exits", "1");
        JsonNode everyImageAtExitZero = infer(model, "--threshold", "0");
        assertEquals(everyImageAtExitZero.get("accuracy").asDouble(), first.get("accuracy").asDouble());
        assertEquals(everyImageAtExitZero.get("avg_macs").asDouble(), first.get("avg_macs").asDouble());
    }

    @Test
    void growingAddsAnExitAndLeavesTheEarlierExitsAnswersAsTheyWere() throws IOException {
        Path grown = dir.resolve("grown");
        Cli cli = Cli.run("grow", model.toString(), "--data", "synthetic", "--epochs", "1", "--out",
                grown.toString());
        assertEquals(ExitCodes.OK, cli.exitCode(), cli.err());
        assertEquals(4, ConfigFile.read(grown.resolve("config.json")).size());
        JsonNode before = infer(model, "--threshold", "0.9");
        JsonNode after = infer(grown, "--exits", "3", "--threshold", "0.9");
        assertEquals(before.get("accuracy").asDouble(), after.get("accuracy").asDouble());
        assertEquals(before.get("exit_share"), after.get("exit_share"));
    }

    /** A model grown on other data than it first trained on records the data it was grown on. */
    @Test
    void aGrownModelRecordsTheDataItWasGrownOn() throws IOException {
        Path moved = copyOf(model, "moved");
        Path config = moved.resolve("config.json");
        ObjectNode document = (ObjectNode) Json.MAPPER.readTree(config.toFile());
        ((ObjectNode) document.get("data")).put("source", "/elsewhere");
        Json.MAPPER.writeValue(config.toFile(), document);
        Path sums = moved.resolve("SHA256SUMS"); // the file was edited on purpose: its line goes, as README says
        Files.write(sums, Files.readAllLines(sums).stream().filter(l -> !l.endsWith(" config.json")).toList());
        Path grown = dir.resolve("grown-here");
        Cli cli = Cli.run("grow", moved.toString(), "--data", "synthetic", "--epochs", "1", "--subset", "100", "--out",
                grown.toString());
        assertEquals(ExitCodes.OK, cli.exitCode(), cli.err());
        JsonNode data = Json.MAPPER.readTree(grown.resolve("config.json").toFile()).get("data");
        assertEquals("synthetic", data.get("source").asText());
        assertTrue(data.get("checksum").asText().startsWith("sha256:"), data.toString());
    }

    @Test
    void shrinkingThenInferringAgreesWithTheFullModelOnTheKeptExits() throws IOException {
        Path small = dir.resolve("small");
        Cli cli = Cli.run("shrink", model.toString(), "--exits", "2", "--out", small.toString());
        assertEquals(ExitCodes.OK, cli.exitCode(), cli.err());
        assertTrue(Files.notExists(small.resolve("group-2.params")));
        JsonNode shrunk = infer(small, "--threshold", "0.9");
        JsonNode cut = infer(model, "--exits", "2", "--threshold", "0.9");
        assertEquals(cut.get("accuracy").asDouble(), shrunk.get("accuracy").asDouble());
        assertEquals(cut.get("exit_share"), shrunk.get("exit_share"));
    }

    @Test
    void calibrateWritesAPolicyForABudget() throws IOException {
        Path copy = copyOf(model, "budget");
        Cli cli = Cli.run("calibrate", copy.toString(), "--data", "synthetic", "--max-macs", "1");
        assertEquals(ExitCodes.OK, cli.exitCode(), cli.err());
        JsonNode policy = Json.MAPPER.readTree(copy.resolve("policy.json").toFile());
        assertEquals(List.of(0.0, 0.0), List.of(policy.get("thresholds").get(0).asDouble(),
                policy.get("thresholds").get(1).asDouble()), "the budget only allows leaving at once");
    }

    @Test
    void aChildTrainedWithInheritStartsFromTheExitGroupsItSharesAndOneSharingNoneIsRefused() throws IOException {
        SmartNetConfig parent = ConfigFile.read(model.resolve("config.json"));
        SmartNetConfig child = parent.prefix(2).grown(2, 4);
        Path file = dir.resolve("child.json");
        ConfigFile.write(ConfigDocument.of(child), file);
        // One step on 32 images: the first exit answers as well as the parent's only if it started from its groups.
        double inherited = firstExitAfterOneStep(file, "--inherit", model.toString());
        double scratch = firstExitAfterOneStep(file);
        assertTrue(inherited > scratch + 0.2, "inherited " + inherited + ", from scratch " + scratch);

        SmartNetConfig stranger = new SmartNetConfig(parent.input(), 4, 16, 4, 1, List.of(8),
                List.of(new Cell(0, 0, 1, List.of())));
        Path strangerFile = dir.resolve("stranger.json");
        ConfigFile.write(ConfigDocument.of(stranger), strangerFile);
        Cli cli = Cli.run("train", strangerFile.toString(), "--data", "synthetic", "--inherit", model.toString());
        assertEquals(ExitCodes.BAD_INPUT, cli.exitCode());
        assertTrue(cli.err().contains("shares no exit group"), cli.err());
    }

    private static double firstExitAfterOneStep(Path config, String... more) throws IOException {
        List<String> args = new java.util.ArrayList<>(List.of("train", config.toString(), "--data", "synthetic",
                "--epochs", "1", "--subset", "32", "--json"));
        args.addAll(List.of(more));
        Cli cli = Cli.run(args.toArray(String[]::new));
        assertEquals(ExitCodes.OK, cli.exitCode(), cli.err());
        return Json.MAPPER.readTree(cli.out()).get("exits").get(0).get("test_accuracy").asDouble();
    }

    @Test
    void pruningKeepsASmallerModelThatInferReadsAndSaysWhatItWasBeforeAndAfter() throws IOException {
        Path pruned = dir.resolve("pruned");
        Cli cli = Cli.run("prune", model.toString(), "--data", "synthetic", "--keep", "0.5", "--epochs", "1",
                "--out", pruned.toString(), "--json");
        assertEquals(ExitCodes.OK, cli.exitCode(), cli.err());
        JsonNode result = Json.MAPPER.readTree(cli.out());
        JsonNode before = result.get("before");
        JsonNode after = result.get("after");
        assertTrue(after.get("params").asLong() < before.get("params").asLong(), cli.out());
        assertTrue(after.get("macs").asLong() <= before.get("macs").asLong(), cli.out());
        SmartNetConfig config = ConfigFile.read(pruned.resolve("config.json"));
        assertEquals(after.get("id").asText(), config.id());
        assertEquals(before.get("id").asText(), ConfigFile.readDocument(pruned.resolve("config.json")).extras()
                .get("pruned_from").asText());
        assertTrue(infer(pruned).has("accuracy"));

        Cli bad = Cli.run("prune", model.toString(), "--data", "synthetic", "--keep", "1.5", "--out",
                dir.resolve("never").toString());
        assertEquals(ExitCodes.BAD_INPUT, bad.exitCode());
        assertTrue(bad.err().contains("--keep"), bad.err());
        assertTrue(Files.notExists(dir.resolve("never")));
    }

    @Test
    void notAModelDirectoryIsBadInput() {
        Cli cli = Cli.run("infer", dir.resolve("nothing").toString(), "--data", "synthetic");
        assertEquals(ExitCodes.BAD_INPUT, cli.exitCode());
        assertTrue(cli.err().contains("not a trained model"), cli.err());
    }

    private static JsonNode infer(Path model, String... more) throws IOException {
        List<String> args = new java.util.ArrayList<>(List.of("infer", model.toString(), "--data", "synthetic",
                "--latency-images", "5", "--json"));
        args.addAll(List.of(more));
        Cli cli = Cli.run(args.toArray(String[]::new));
        assertEquals(ExitCodes.OK, cli.exitCode(), cli.err());
        return Json.MAPPER.readTree(cli.out());
    }

    private static Path copyOf(Path source, String name) throws IOException {
        Path copy = dir.resolve(name);
        Files.createDirectories(copy);
        try (var files = Files.list(source)) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        return copy;
    }
}
