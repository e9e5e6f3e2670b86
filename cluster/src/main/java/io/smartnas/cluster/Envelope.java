package io.smartnas.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Optional;

/**
 * A message on the wire: a kind, a JSON body and the HMAC-SHA256 of both under the cluster's {@link Secret}, as one
 * JSON string: {@code {"kind": "task", "body": {...}, "mac": "hex"}}. Reading one checks its signature before anything
 * in it is used, so a member without the key can neither inject work nor results.
 */
final class Envelope {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Envelope() {
    }

    /** {@code body} of {@code kind}, signed. */
    static String seal(Secret secret, String kind, JsonNode body) {
        String text = body.toString();
        ObjectNode envelope = JSON.createObjectNode();
        envelope.put("kind", kind);
        envelope.put("body", text);
        envelope.put("mac", secret.sign(kind + "\n" + text));
        return envelope.toString();
    }

    /** The body of a message of {@code kind} whose signature holds; empty for anything else (forged, damaged). */
    static Optional<JsonNode> open(Secret secret, String kind, String message) {
        try {
            JsonNode envelope = JSON.readTree(message);
            if (envelope == null || !kind.equals(envelope.path("kind").asText())) {
                return Optional.empty();
            }
            String body = envelope.path("body").asText();
            if (!secret.verifies(kind + "\n" + body, envelope.path("mac").asText(null))) {
                return Optional.empty();
            }
            return Optional.of(JSON.readTree(body));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }
}
