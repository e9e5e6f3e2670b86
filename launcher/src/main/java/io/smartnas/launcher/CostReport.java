package io.smartnas.launcher;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smartnas.results.StoredProfile;
import io.smartnas.space.SmartNetConfig;
import io.smartnas.space.config.CostJson;
import io.smartnas.space.cost.Cost;
import io.smartnas.space.cost.CostModel;
import io.smartnas.space.latency.LatencyPrediction;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * What a config costs, as a table for people or as one JSON object for programs; with a device profile, also its
 * predicted latency.
 */
final class CostReport {
    private final String source;
    private final SmartNetConfig config;
    private final Cost cost;
    /** The profile latency is predicted with, or null for none. */
    private final StoredProfile profile;

    CostReport(String source, SmartNetConfig config, StoredProfile profile) {
        this.source = source;
        this.config = config;
        this.cost = CostModel.of(config);
        this.profile = profile;
    }

    ObjectNode json() {
        ObjectNode node = CostJson.of(config, Json.object().put("file", source));
        if (profile != null) {
            LatencyPrediction predicted = profile.profile().predict(config);
            ObjectNode latency = node.putObject("predicted_latency").put("profile", profile.id())
                    .put("device", profile.profile().device());
            var exits = latency.putArray("exits");
            for (int c = 0; c < config.size(); c++) {
                exits.addObject().put("exit", c).put("latency_ms", predicted.throughExitMs()[c])
                        .put("leaving_at_ms", predicted.leavingAtMs()[c]);
            }
        }
        return node;
    }

    void print(PrintWriter out) {
        out.printf("%s%n  network %s: %d exit(s), %d block(s), stem %d, growth %s, input %dx%dx%d, %d classes%n",
                source, config.id(), config.size(), cost.blocks(), config.stem(), config.growth(),
                config.input().channels(), config.input().height(), config.input().width(), config.classes());
        if (config.base() > 0) {
            out.printf("  base %d: the stem's output is pooled to %dx%d, where row 0 runs%n", config.base(),
                    config.input().height(config.base()), config.input().width(config.base()));
        }
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
        if (profile != null) {
            LatencyPrediction predicted = profile.profile().predict(config);
            out.printf("  predicted latency at batch size 1 on %s (profile %d):%n", profile.profile().device(),
                    profile.id());
            Table latency = new Table("exit", "ms (this exit alone)", "ms (anytime, leaving here)");
            for (int c = 0; c < config.size(); c++) {
                latency.row(c, String.format(Locale.ROOT, "%.3f", predicted.throughExitMs()[c]),
                        String.format(Locale.ROOT, "%.3f", predicted.leavingAtMs()[c]));
            }
            latency.print(out, "  ");
        }
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
