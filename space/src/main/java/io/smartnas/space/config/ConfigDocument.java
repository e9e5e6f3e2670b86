package io.smartnas.space.config;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smartnas.space.SmartNetConfig;

import java.util.Objects;

/**
 * A config file's content: the network, and every other field the file carries (an export's metrics, targets and
 * provenance, say) as a JSON object that a reader is free to ignore.
 */
public record ConfigDocument(SmartNetConfig config, ObjectNode extras) {
    public ConfigDocument {
        Objects.requireNonNull(config, "config");
        extras = extras.deepCopy();
    }

    /** A document holding the network alone. */
    public static ConfigDocument of(SmartNetConfig config) {
        return new ConfigDocument(config, JsonNodeFactory.instance.objectNode());
    }

    @Override
    public ObjectNode extras() {
        return extras.deepCopy();
    }
}
