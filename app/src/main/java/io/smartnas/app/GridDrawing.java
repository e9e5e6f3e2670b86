package io.smartnas.app;

import io.smartnas.space.Cell;
import io.smartnas.space.Grid;
import io.smartnas.space.SmartNetConfig;

import java.util.List;
import java.util.Locale;

/**
 * A SmartNet's triangular grid drawn as SVG, from its config alone: the stem, a box per cell (its depth, its row's
 * growth and its resolution; a pruned cell dashed), the structural inputs as grey arrows, the Smart Connections as
 * coloured lines routed between the boxes (the stem dashed where a cell reads it for want of any other source), and an
 * exit below each diagonal cell. Every element carries a title, which a browser shows on hover.
 */
final class GridDrawing {
    private static final int CELL_W = 130;
    private static final int CELL_H = 64;
    private static final int GAP_X = 50;
    private static final int GAP_Y = 56;
    private static final int LEFT = 180;
    private static final int TOP = 40;
    private static final String CONNECTION = "#d95f02";

    private static final int STEM_RIGHT = 130;

    private final SmartNetConfig config;
    private final StringBuilder svg = new StringBuilder();
    /** Smart Connections drawn so far. */
    private int connections;

    private GridDrawing(SmartNetConfig config) {
        this.config = config;
    }

    /** The drawing of {@code config}, as an {@code <svg>} element. */
    static String of(SmartNetConfig config) {
        return new GridDrawing(config).draw();
    }

    private String draw() {
        int t = config.size();
        int width = LEFT + t * (CELL_W + GAP_X) + 10;
        int height = TOP + t * (CELL_H + GAP_Y) + 40;
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                        + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", width, height, width,
                height));
        svg.append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" "
                + "markerHeight=\"7\" orient=\"auto-start-reverse\">"
                + "<path d=\"M0,0 L10,5 L0,10 z\" fill=\"context-stroke\"/>"
                + "</marker></defs>\n");
        stem();
        for (Cell cell : config.cells()) {
            if (cell.col() < t) {
                inputs(cell);
            }
        }
        for (Cell cell : config.cells()) {
            if (cell.col() < t) {
                box(cell);
            }
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private void stem() {
        int y = TOP + (CELL_H - 44) / 2;
        String resolution = resolution(config.base());
        svg.append(String.format(Locale.ROOT, "<g><title>stem: a 3x3 convolution to %d channels%s</title>"
                        + "<rect x=\"10\" y=\"%d\" width=\"120\" height=\"44\" rx=\"6\" fill=\"#eef\" stroke=\"#557\"/>"
                        + "<text x=\"70\" y=\"%d\" text-anchor=\"middle\">stem %d</text>"
                        + "<text x=\"70\" y=\"%d\" text-anchor=\"middle\" fill=\"#555\">%s</text></g>%n",
                config.stem(), config.base() > 0 ? ", pooled to " + resolution : "", y, y + 18, config.stem(), y + 35,
                resolution));
    }

    private void box(Cell cell) {
        int x = x(cell.col());
        int y = y(cell.row());
        int growth = config.growth().get(cell.row());
        String fill = cell.pruned() ? "#fafafa" : "#e7f4ef";
        String stroke = cell.pruned() ? "#bbb\" stroke-dasharray=\"4 3" : "#1b9e77";
        String title = cell.pruned() ? String.format(Locale.ROOT, "cell (%d, %d): pruned (depth 0)", cell.row(),
                cell.col()) : String.format(Locale.ROOT, "cell (%d, %d): a Smart Block of %d layer(s) of growth %d at "
                + "%s, reading %d channel(s)", cell.row(), cell.col(), cell.depth(), growth,
                resolution(config.level(cell.row())), config.viewChannels(cell.index()));
        svg.append(String.format(Locale.ROOT, "<g><title>%s</title><rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
                        + "rx=\"6\" fill=\"%s\" stroke=\"%s\"/>", title, x, y, CELL_W, CELL_H, fill, stroke));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-weight=\"bold\">"
                + "(%d, %d)</text>", x + CELL_W / 2, y + 17, cell.row(), cell.col()));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>",
                x + CELL_W / 2, y + 35, cell.pruned() ? "pruned" : "depth " + cell.depth() + ", growth " + growth));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" fill=\"#555\">%s</text>"
                + "</g>%n", x + CELL_W / 2, y + 53, resolution(config.level(cell.row()))));
        if (cell.diagonal()) {
            int cx = x + CELL_W / 2;
            svg.append(String.format(Locale.ROOT, "<g><title>exit %d: classifies from this cell's view and its own "
                            + "feature maps (%d channels)</title><line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
                            + "stroke=\"#7570b3\" stroke-width=\"2\" marker-end=\"url(#arrow)\"/>"
                            + "<text x=\"%d\" y=\"%d\" "
                            + "fill=\"#7570b3\" font-weight=\"bold\">exit %d</text></g>%n",
                    cell.col(), config.exitChannels(cell.col()), cx, y + CELL_H, cx, y + CELL_H + 20, cx + 6,
                    y + CELL_H + 16, cell.col()));
        }
    }

    /**
     * The arrows into {@code cell}: structural inputs straight and grey, Smart Connections routed and coloured, and
     * the stem dashed and grey where the cell reads it because all its sources are empty.
     */
    private void inputs(Cell cell) {
        if (cell.pruned()) {
            return;
        }
        List<Integer> structural = Grid.structuralSlots(cell.row(), cell.col());
        for (int slot : config.view(cell.index())) {
            boolean connection = !structural.contains(slot);
            int[] from = anchor(slot);
            int tx = x(cell.col());
            int ty = y(cell.row()) + CELL_H / 2;
            String what = (slot == 0 ? "the stem" : "cell " + position(slot)) + " into cell (" + cell.row() + ", "
                    + cell.col() + ")";
            if (!connection) {
                boolean above = slot != 0 && Grid.col(slot - 1) == cell.col();
                int cx = tx + CELL_W / 2;
                svg.append(String.format(Locale.ROOT, "<g><title>structural input: %s</title><line x1=\"%d\" y1=\"%d\" "
                        + "x2=\"%d\" y2=\"%d\" stroke=\"#999\" stroke-width=\"1.5\" marker-end=\"url(#arrow)\"/></g>%n",
                        what, above ? cx : from[0], above ? y(cell.row() - 1) + CELL_H : from[1], above ? cx : tx,
                        above ? y(cell.row()) : ty));
            } else {
                // A slot neither structural nor connected is the stem a cell reads when all its sources are empty
                boolean masked = cell.from().contains(slot);
                svg.append(String.format(Locale.ROOT, "<g><title>%s: %s</title><polyline points=\"%s\" fill=\"none\" "
                                + "stroke=\"%s\" stroke-width=\"1.5\"%s stroke-linejoin=\"round\" "
                                + "marker-end=\"url(#arrow)\"/></g>%n", masked ? "Smart Connection"
                                : "the stem, as every source of the cell is empty", what,
                        route(from, cell, connections++), masked ? CONNECTION : "#999",
                        masked ? "" : " stroke-dasharray=\"4 3\""));
            }
        }
    }

    /**
     * The way of a Smart Connection through the gaps between the boxes: right out of its source into the gap after
     * the source's column, down (or up) that gap to the gap above the target's row, along it, and down into the
     * target's top. Each connection is shifted a little, so that connections sharing a gap stay apart.
     */
    private static String route(int[] from, Cell to, int n) {
        int shift = (n % 5) * 4;
        int gapX = from[0] + GAP_X / 2 - 10 + shift;
        int gapY = y(to.row()) - 30 + shift;
        int tx = x(to.col()) + CELL_W / 4 + shift;
        return String.format(Locale.ROOT, "%d,%d %d,%d %d,%d %d,%d %d,%d", from[0], from[1], gapX, from[1], gapX, gapY,
                tx, gapY, tx, y(to.row()));
    }

    /** Where an arrow out of {@code slot} starts: the right edge of the stem, or of the cell, at mid height. */
    private static int[] anchor(int slot) {
        if (slot == 0) {
            return new int[] {STEM_RIGHT, TOP + CELL_H / 2};
        }
        int index = slot - 1;
        return new int[] {x(Grid.col(index)) + CELL_W, y(Grid.row(index)) + CELL_H / 2};
    }

    private static String position(int slot) {
        return "(" + Grid.row(slot - 1) + ", " + Grid.col(slot - 1) + ")";
    }

    private String resolution(int level) {
        return config.input().height(level) + "x" + config.input().width(level);
    }

    private static int x(int col) {
        return LEFT + col * (CELL_W + GAP_X);
    }

    private static int y(int row) {
        return TOP + row * (CELL_H + GAP_Y);
    }
}
