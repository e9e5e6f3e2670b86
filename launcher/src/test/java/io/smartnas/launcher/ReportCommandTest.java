package io.smartnas.launcher;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
        List<String> plots = List.of("front-latency", "front-size", "best-by-evaluations", "best-by-time", "exits",
                "anytime");
        for (String plot : plots) {
            BufferedImage png = ImageIO.read(out.resolve(plot + ".png").toFile());
            assertEquals(800, png.getWidth(), plot);
            assertTrue(html.contains("(" + plot + ".png)"), plot + " has a caption naming it");
        }
        assertEquals(plots.size(), count(html, "src=\"data:image/png;base64,"), "every plot is embedded");
        int front = Json.MAPPER.readTree(Cli.run("query", "1", "--pareto", "--json", "--db", db()).out()).size();
        assertTrue(front > 0);
        assertEquals(front + 1, count(html, "<tr>"), "a row per candidate of the front, and the header");
        assertTrue(html.contains("at most 9,000 parameters"), "the targets are named");
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
