package io.smartnas.search;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smartnas.space.Genome;

import java.util.List;

/** Genomes as JSON, the way the store keeps candidates' genomes and populations. */
final class GenomeJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private GenomeJson() {
    }

    static String write(Genome genome) {
        return write((Object) genome);
    }

    static String writeAll(List<Genome> genomes) {
        return write(genomes);
    }

    static List<Genome> readAll(String json) {
        try {
            return JSON.readValue(json, new TypeReference<List<Genome>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored population does not parse: " + e.getOriginalMessage(), e);
        }
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("genomes always serialise", e);
        }
    }
}
