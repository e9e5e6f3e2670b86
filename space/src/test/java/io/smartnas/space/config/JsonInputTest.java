package io.smartnas.space.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smartnas.space.InvalidInputException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonInputTest {
    private static final ObjectMapper STRICT = JsonInput.strict(new ObjectMapper());

    static JsonNode tree(String json) {
        return JsonInput.tree(STRICT, json);
    }

    private static String refused(String json) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> tree(json));
        assertFalse(e.getMessage().matches("(?s).*(Exception|java\\.|com\\.fasterxml|`).*"),
                "no Java names in: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void deepNestingIsRefusedBeforeItCostsMemory() {
        String message = refused("[".repeat(100_000) + "]".repeat(100_000));
        assertTrue(message.contains("nested deeper than " + JsonInput.MAX_NESTING), message);
    }

    @Test
    void aHugeStringIsRefused() {
        String message = refused("{\"name\": \"" + "x".repeat(JsonInput.MAX_STRING + 1) + "\"}");
        assertTrue(message.contains("a string longer than"), message);
    }

    @Test
    void aHugeNumberIsRefused() {
        String message = refused("{\"stem\": " + "9".repeat(1000) + "}");
        assertTrue(message.contains("a number longer than"), message);
    }

    @Test
    void brokenSyntaxSaysWhere() {
        String message = refused("{\"stem\": 16,\n \"size\" 2}");
        assertTrue(message.contains("at line 2"), message);
    }

    @Test
    void aDuplicateKeyIsRefused() {
        String message = refused("{\"stem\": 16, \"stem\": 8}");
        assertTrue(message.contains("Duplicate field 'stem'"), message);
    }
}
