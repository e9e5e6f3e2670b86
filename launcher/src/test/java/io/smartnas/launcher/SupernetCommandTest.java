package io.smartnas.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A supernet trained from the command line, searched with --supernet, and what either refuses. */
@Tag("slow")
class SupernetCommandTest {
    @TempDir
    Path dir;

    private Cli search(String... more) {
        List<String> args = new ArrayList<>(List.of("search", "--supernet", dir.resolve("supernet").toString(),
                "--population", "3", "--evaluations", "6", "--db", dir.resolve("r.mv.db").toString(), "--json"));
        args.addAll(List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }

    @Test
    void aSearchCutsItsCandidatesFromATrainedSupernetAndKeepsItsAnswerAsAModel() throws IOException {
        String supernet = dir.resolve("supernet").toString();
        String[] train = {"supernet", "train", "--data", "synthetic", "--input", "1,8,8", "--max-size", "2",
            "--max-depth", "1", "--time", "4s", "--out", supernet};
        Cli trained = Cli.run(train);
        assertEquals(ExitCodes.OK, trained.exitCode(), trained.err());
        assertTrue(trained.out().contains("supernet in " + supernet), trained.out());
        Cli again = Cli.run(train);
        assertEquals(ExitCodes.OK, again.exitCode(), again.err());
        assertEquals(trained.out(), again.out(), "a finished training is not trained again");

        refused(search("--seed", "7"), "the supernet trained on synthetic (checksum");
        refused(search("--max-depth", "2"), "max depth 2 is above the supernet's 1");
        refused(search("--epochs", "2"), "--epochs cannot apply");

        Cli searched = search("--time", "30s");
        assertEquals(ExitCodes.OK, searched.exitCode(), searched.err());
        String[] lines = searched.out().split("\n");
        JsonNode best = Json.MAPPER.readTree(lines[lines.length - 1]).get("best");
        assertTrue(searched.out().contains("model: " + best.get("id").asText() + ", kept (inherited from supernet "),
                searched.out());
        Path model = Path.of(best.get("model").asText());
        Cli infer = Cli.run("infer", model.toString(), "--data", "synthetic", "--json");
        assertEquals(ExitCodes.OK, infer.exitCode(), infer.err());
        assertEquals(best.get("test_accuracy").asDouble(), Json.MAPPER.readTree(infer.out())
                .get("last_exit_accuracy").asDouble(), 1e-9, "infer reads the model as the search kept it");
        Cli sql = Cli.run("sql", "SELECT COUNT(*) AS n FROM evaluations WHERE epochs = 0 AND seconds = 0 AND supernet <> ''",
                "--db", dir.resolve("r.mv.db").toString(), "--json");
        assertTrue(Json.MAPPER.readTree(sql.out()).get(0).get("n").asInt() >= 6, sql.out());
    }

    private static void refused(Cli cli, String why) {
        assertEquals(ExitCodes.BAD_INPUT, cli.exitCode(), cli.err());
        assertTrue(cli.err().contains(why), cli.err());
    }

    @Test
    void whatASupernetCannotAnswerIsRefusedBeforeAnythingIsTrained() throws IOException {
        Path supernet = dir.resolve("supernet");
        Cli none = search();
        assertEquals(ExitCodes.BAD_INPUT, none.exitCode());
        assertTrue(none.err().contains("not a supernet"), none.err());
        Files.createDirectories(supernet);
        Files.writeString(supernet.resolve("notes.txt"), "mine");
        Cli occupied = Cli.run("supernet", "train", "--data", "synthetic", "--time", "4s", "--out",
                supernet.toString());
        assertEquals(ExitCodes.BAD_INPUT, occupied.exitCode());
        assertTrue(occupied.err().contains("is not empty and holds no supernet"), occupied.err());
        Cli fineTuneAlone = Cli.run("search", "--fine-tune", "1m", "--data", "synthetic");
        assertEquals(ExitCodes.BAD_INPUT, fineTuneAlone.exitCode());
        assertTrue(fineTuneAlone.err().contains("--fine-tune fine-tunes the answer of a search with --supernet"),
                fineTuneAlone.err());
    }
}
