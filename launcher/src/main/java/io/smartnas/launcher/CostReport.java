package io.smartnas.launcher;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smartnas.space.SmartNetConfig;
import io.smartnas.space.cost.Cost;
import io.smartnas.space.cost.CostModel;
import io.smartnas.space.cost.ExitCost;
import io.smartnas.space.cost.GroupCost;

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
        ObjectNode root = Json.object();
        root.put("file", source);
        root.put("id", config.id());
        root.put("params", cost.params());
        root.put("buffers", cost.buffers());
        root.put("bytes", cost.bytes());
        root.put("macs", cost.macs());
        root.put("blocks", cost.blocks());
        root.put("activation_bytes", cost.activationBytes());
        ArrayNode exits = root.putArray("exits");
        for (ExitCost exit : cost.exits()) {
            exits.addObject().put("exit", exit.exit()).put("params", exit.params()).put("buffers", exit.buffers())
                    .put("macs", exit.macs()).put("bytes", exit.bytes());
        }
        ArrayNode groups = root.putArray("groups");
        for (GroupCost group : cost.groups()) {
            groups.addObject().put("group", group.group()).put("params", group.params())
                    .put("buffers", group.buffers()).put("bytes", group.bytes());
        }
        return root;
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
