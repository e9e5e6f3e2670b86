package io.smartnas.app;

import io.smartnas.space.Cell;
import io.smartnas.space.Grid;
import io.smartnas.space.SmartNetConfig;
import io.smartnas.space.config.ConfigFile;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The drawing of a network's grid shows every cell, exit, structural input and Smart Connection of its config. */
class GridDrawingTest {
    private static final SmartNetConfig THREE_EXITS = ConfigFile.read(Path.of("../examples/three-exits-130k.json"));

    @Test
    void everyCellExitAndConnectionOfTheConfigIsDrawn() throws Exception {
        String svg = GridDrawing.of(THREE_EXITS);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/three-exits.svg"), svg);
        assertEquals(6, count(svg, "<title>cell ("), "a box per cell of the triangle");
        assertEquals(3, count(svg, "<title>exit "), "an exit per column");
        assertEquals(2, count(svg, "<title>Smart Connection: "), "(1, 1) reads the stem, (2, 2) reads (0, 0)");
        assertTrue(svg.contains("Smart Connection: the stem into cell (1, 1)"), svg);
        assertTrue(svg.contains("Smart Connection: cell (0, 0) into cell (2, 2)"), svg);
        int structural = 0;
        for (Cell cell : THREE_EXITS.cells()) {
            structural += (int) Grid.structuralSlots(cell.row(), cell.col()).stream()
                    .filter(THREE_EXITS.view(cell.index())::contains).count();
        }
        assertEquals(structural, count(svg, "<title>structural input: "));
        assertTrue(svg.contains("depth 2, growth 24") && svg.contains("7x7"), "depth, growth and resolution: " + svg);
    }

    @Test
    void aPrunedCellIsDrawnAsPrunedAndReadsNothing() {
        List<Cell> cells = THREE_EXITS.cells().stream().map(c -> c.row() == 0 && c.col() == 1
                ? new Cell(0, 1, 0, List.of()) : c).toList();
        SmartNetConfig pruned = new SmartNetConfig(THREE_EXITS.input(), THREE_EXITS.classes(), THREE_EXITS.stem(),
                THREE_EXITS.bottleneck(), THREE_EXITS.size(), THREE_EXITS.growth(), cells);
        String svg = GridDrawing.of(pruned);
        assertTrue(svg.contains("cell (0, 1): pruned (depth 0)"), svg);
        assertTrue(!svg.contains("into cell (0, 1)"), "a pruned block reads nothing: " + svg);
        assertTrue(svg.contains("<title>the stem, as every source of the cell is empty: the stem into cell (0, 2)"),
                "(0, 2)'s only structural input, (0, 1), is empty, so it reads the stem: " + svg);
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
