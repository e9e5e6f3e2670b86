package io.smartnas.launcher;

import io.smartnas.results.H2Database;
import io.smartnas.results.ResultStore;
import io.smartnas.results.Samples;
import io.smartnas.space.SmartNetConfig;
import io.smartnas.space.config.ConfigFile;
import io.smartnas.space.evaluation.Targets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The HTML report of a small search, and the comparison plot. */
class ReportCommandTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void aSmallSearchWithAFinalModel() {
        Cli search = Cli.run("search", "--data", "synthetic", "--population", "3", "--evaluations", "6",
                "--subset", "200", "--seconds", "0", "--epochs", "1", "--final-subset", "400", "--final-epochs", "1",
                "--max-size", "2", "--max-depth", "1", "--max-params",
                "9000", "--db", db(), "--out", dir.resolve("run").toString());
        assertEquals(ExitCodes.OK, search.exitCode(), search.err());
    }

    private static String db() {
        return dir.resolve("r.mv.db").toString();
    }

    @Test
    void aRunBecomesOnePageWithItsPlotsEmbeddedAndItsFrontAsATable() throws IOException {
        Path out = dir.resolve("report");
        Cli report = Cli.run("report", "1", "--out", out.toString(), "--db", db());
        assertEquals(ExitCodes.OK, report.exitCode(), report.err());
        String html = Files.readString(out.resolve("index.html"));
        boolean oneExit = Json.MAPPER.readTree(dir.resolve("run/model/config.json").toFile()).get("size").asInt() == 1;
        List<String> plots = new ArrayList<>(List.of("front-latency", "front-size", "best-by-evaluations",
                "best-by-time", "exits"));
        if (oneExit) {
            assertTrue(html.contains("It has one exit, which answers every image: no anytime curve"), html);
        } else {
            plots.add("anytime");
        }
        for (String plot : plots) {
            BufferedImage png = ImageIO.read(out.resolve(plot + ".png").toFile());
            assertEquals(800, png.getWidth(), plot);
            assertTrue(html.contains("(" + plot + ".png)"), plot + " has a caption naming it");
        }
        List<String> genes = List.of("exits", "base", "layers", "growth", "stem", "smart-connections");
        for (String gene : genes) {
            assertEquals(420, ImageIO.read(out.resolve("gene-" + gene + ".png").toFile()).getWidth(), gene);
        }
        assertEquals(plots.size() + genes.size(), count(html, "src=\"data:image/png;base64,"),
                "every plot is embedded");
        int front = Json.MAPPER.readTree(Cli.run("query", "1", "--pareto", "--json", "--db", db()).out()).size();
        int evaluations = Json.MAPPER.readTree(Cli.run("show", "1", "--json", "--db", db()).out())
                .get("evaluations").asInt();
        assertTrue(front > 0);
        assertEquals(front, count(html, "<tr><td><code>"), "a row per candidate of the front");
        assertTrue(count(html, "</code></td><td>") >= front + evaluations, "and a row per evaluation: " + html);
        assertTrue(html.contains("at most 9,000 parameters"), "the targets are named");
        for (String fact : new String[] {"<th>data</th><td>synthetic", "<th>device</th><td>cpu",
                "<th>load while timing</th><td>other cores busy", "<th>budget</th>", "rejected-by-cost"}) {
            assertTrue(html.contains(fact), fact + " in " + html);
        }
        assertTrue(html.contains("<svg") && html.contains("<title>exit 0"), "the best network is drawn");
    }

    /**
     * The final training stored the model's anytime curve: the page draws it without running the model (here, whose
     * parameters are gone), so that a report takes seconds. A model of two exits, so that there is a curve to draw,
     * kept as a run's final model in a database of its own.
     */
    @Test
    void theAnytimeCurveIsReadFromWhatTheFinalTrainingStored() throws IOException {
        Path model = dir.resolve("two-exits");
        Cli train = Cli.run("train", "../examples/two-exits.json", "--data", "synthetic", "--epochs", "1", "--subset",
                "200", "--out", model.toString());
        assertEquals(ExitCodes.OK, train.exitCode(), train.err());
        assertTrue(Files.isRegularFile(model.resolve("anytime.json")));
        SmartNetConfig config = ConfigFile.read(Path.of("../examples/two-exits.json"));
        Path db = dir.resolve("stored.mv.db");
        try (ResultStore store = H2Database.open(db, true)) {
            long run = store.createRun(Samples.run("stored curve", Targets.NONE));
            store.putCandidate(Samples.candidate(config));
            store.addEvaluation(run, Samples.ok(config, Samples.FIDELITY, 0.5, 1));
            store.addFinalEvaluation(run, Samples.ok(config, Samples.FIDELITY, 0.6, 1),
                    model.toAbsolutePath().toString());
        }
        for (String params : new String[] {"group-0.params", "group-1.params"}) {
            Files.delete(model.resolve(params));
        }
        Path out = dir.resolve("report-stored");
        Cli report = Cli.run("report", "1", "--out", out.toString(), "--db", db.toString());
        assertEquals(ExitCodes.OK, report.exitCode(), report.err());
        assertTrue(Files.readString(out.resolve("index.html")).contains("Anytime inference of the final model on "
                + "the 600 test images"), "drawn from anytime.json: the model's parameters are gone");
    }

    @Test
    void compareDrawsTheRunsInOnePlot() throws IOException {
        Path out = dir.resolve("compared");
        Cli compare = Cli.run("compare", "1", "--out", out.toString(), "--db", db());
        assertEquals(ExitCodes.OK, compare.exitCode(), compare.err());
        assertEquals(800, ImageIO.read(out.resolve("best-by-evaluations.png").toFile()).getWidth());
        assertEquals(800, ImageIO.read(out.resolve("best-by-time.png").toFile()).getWidth());
    }

    @Test
    void anUnknownRunIsRefused() {
        Cli report = Cli.run("report", "7", "--out", dir.resolve("none").toString(), "--db", db());
        assertEquals(ExitCodes.BAD_INPUT, report.exitCode(), report.err());
        assertTrue(report.err().contains("7"), report.err());
    }

    private static int count(String text, String what) {
        Matcher m = Pattern.compile(Pattern.quote(what)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
