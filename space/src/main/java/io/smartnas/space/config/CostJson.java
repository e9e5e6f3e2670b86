package io.smartnas.space.config;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smartnas.space.SmartNetConfig;
import io.smartnas.space.cost.Cost;
import io.smartnas.space.cost.CostModel;
import io.smartnas.space.cost.ExitCost;
import io.smartnas.space.cost.GroupCost;

/**
 * What a config costs by the cost model, as JSON: id, parameters, buffers, bytes, MACs, blocks and peak activation
 * bytes of the whole network, then per exit and per exit group.
 */
public final class CostJson {
    private CostJson() {
    }

    /** The cost of {@code config}, after the fields of {@code head} (a file name, say). */
    public static ObjectNode of(SmartNetConfig config, ObjectNode head) {
        Cost cost = CostModel.of(config);
        ObjectNode root = head.deepCopy();
        root.put("id", config.id());
        if (config.base() > 0) {
            root.put("base", config.base()); // absent at 0, as in the config file
        }
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
}
