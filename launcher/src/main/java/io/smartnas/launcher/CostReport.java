package io.smartnas.launcher;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smartnas.space.SmartNetConfig;
import io.smartnas.space.config.CostJson;
import io.smartnas.space.cost.Cost;
import io.smartnas.space.cost.CostModel;

import java.io.PrintWriter;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** What a config costs, as a table for people or as one JSON object for programs. */
final class CostReport {
    private final String source;
    private final SmartNetConfig config;
    private final Cost cost;

    CostReport(String source, SmartNetConfig config) {
        this.source = source;
        this.config = config;
        this.cost = CostModel.of(config);
    }

    ObjectNode json() {
        return CostJson.of(config, Json.object().put("file", source));
    }

    void print(PrintWriter out) {
        out.printf("%s%n  network %s: %d exit(s), %d block(s), stem %d, growth %s, input %dx%dx%d, %d classes%n",
                source, config.id(), config.size(), cost.blocks(), config.stem(), config.growth(),
                config.input().channels(), config.input().height(), config.input().width(), config.classes());
        Table exits = new Table("exit", "params", "buffers", "MACs", "bytes");
        cost.exits().forEach(e -> exits.row(e.exit(), e.params(), e.buffers(), e.macs(), e.bytes()));
        exits.print(out, "  ");
        Table groups = new Table("group", "params", "buffers", "bytes");
        cost.groups().forEach(g -> groups.row(g.group(), g.params(), g.buffers(), g.bytes()));
        groups.row("total", cost.params(), cost.buffers(), cost.bytes());
        groups.print(out, "  ");
        out.printf("  blocks per row %s, per column %s%n", perRow(), perColumn());
        out.printf("  every exit run: %,d MACs; peak activation memory at batch size 1: %,d bytes%n", cost.macs(),
                cost.activationBytes());
    }

    private String perRow() {
        return IntStream.range(0, config.size()).mapToObj(r -> String.valueOf(config.blocksInRow(r)))
                .collect(Collectors.joining(", ", "[", "]"));
    }

    private String perColumn() {
        return IntStream.range(0, config.size()).mapToObj(c -> String.valueOf(config.blocksInColumn(c)))
                .collect(Collectors.joining(", ", "[", "]"));
    }
}
