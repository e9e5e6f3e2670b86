package io.smartnas.results;

import io.smartnas.space.SmartNetConfig;
import io.smartnas.space.config.ConfigFile;
import io.smartnas.space.cost.Cost;
import io.smartnas.space.cost.CostModel;

import java.util.Objects;

/**
 * A network as stored once, whatever runs measured it: its config and what the cost model says of it.
 *
 * @param genome the genome it was decoded from, as JSON, or null when it came from a config file
 * @param config its config file text
 */
public record CandidateRecord(String configId, String genome, String config, int size, long params, long buffers,
                              long bytes, long macs, long activationBytes, int blocks) {
    public CandidateRecord {
        Objects.requireNonNull(configId, "configId");
        Objects.requireNonNull(config, "config");
    }

    /** The record of {@code config}, priced by the cost model. */
    public static CandidateRecord of(SmartNetConfig config, String genome) {
        Cost cost = CostModel.of(config);
        return new CandidateRecord(config.id(), genome, ConfigFile.write(config), config.size(), cost.params(),
                cost.buffers(), cost.bytes(), cost.macs(), cost.activationBytes(), cost.blocks());
    }

    public SmartNetConfig network() {
        return ConfigFile.parse(config);
    }
}
