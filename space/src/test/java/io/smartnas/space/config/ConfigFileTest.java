package io.smartnas.space.config;

import io.smartnas.space.InvalidConfigException;
import io.smartnas.space.InvalidInputException;
import io.smartnas.space.WorkedExample;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigFileTest {
    @Test
    void theSpecificationsExampleReadsAsTheWorkedExample() throws IOException {
        assertEquals(WorkedExample.config(), ConfigFile.parse(resource("/two-exits.json")));
    }

    @Test
    void unknownFieldsAreIgnoredOnReadingAndKeptInTheDocument() {
        ConfigDocument document = ConfigFile.parseDocument(ConfigFile.write(WorkedExample.config())
                .replaceFirst("\\{", "{\"metrics\": {\"accuracy\": 0.9},"));
        assertEquals(WorkedExample.config(), document.config());
        assertEquals(0.9, document.extras().get("metrics").get("accuracy").asDouble());
    }

    @Test
    void aWrittenDocumentKeepsItsExtraFields() {
        ConfigDocument document = ConfigFile.parseDocument(ConfigFile.write(WorkedExample.config())
                .replaceFirst("\\{", "{\"run\": 7,"));
        ConfigDocument again = ConfigFile.parseDocument(ConfigFile.write(document));
        assertEquals(7, again.extras().get("run").asInt());
    }

    @Test
    void bottleneckDefaultsToFour() {
        String text = ConfigFile.write(WorkedExample.config()).replace("\"bottleneck\" : 4,", "");
        assertEquals(4, ConfigFile.parse(text).bottleneck());
    }

    @Test
    void aMissingFileIsNamed(@org.junit.jupiter.api.io.TempDir Path dir) {
        Path missing = dir.resolve("nope.json");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ConfigFile.read(missing));
        assertTrue(e.getMessage().contains("nope.json"), e.getMessage());
    }

    @Test
    void writingReplacesTheFileWhole(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path file = dir.resolve("c.json");
        Files.writeString(file, "old");
        ConfigFile.write(ConfigDocument.of(WorkedExample.config()), file);
        assertEquals(WorkedExample.config(), ConfigFile.read(file));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(StoredFiles.SUMS, file.getFileName().toString()), files.map(f -> f.getFileName()
                    .toString()).sorted().toList(), "no temporary file is left behind");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "missing-field.json, stem, is required but missing",
            "wrong-format.json, format, must be \"smartnet/1\"",
            "cell-out-of-order.json, cells[1], cell order",
            "slot-not-earlier.json, cells[1].from, is not earlier than cell",
            "structural-input-listed.json, cells[2].from, is a structural input",
            "negative-depth.json, cells[1].depth, must not be negative",
            "growth-wrong-length.json, growth, one entry per row",
            "size-mismatch.json, cells, size 3 needs 6 cells",
            "unknown-class-count.json, classes, must be at least 2",
            "slot-listed-twice.json, cells[2].from, listed twice",
            "input-not-three-numbers.json, input, three positive numbers",
            "cell-missing.json, cells, size 2 needs 3 cells",
            "not-json.json, file, not valid JSON",
    })
    void aBrokenRuleIsRefusedNamingTheFieldAndTheRule(String file, String field, String rule) throws IOException {
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> ConfigFile.parse(resource("/malformed/" + file)));
        assertEquals(field, e.field());
        assertTrue(e.getMessage().startsWith(field + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(rule), e.getMessage());
    }

    /** The worked example with one field replaced, as text. */
    private static String exampleWith(String field, String json) {
        ObjectNode root = ConfigFile.toJson(WorkedExample.config());
        root.set(field, JsonInputTest.tree(json));
        return root.toString();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "size | 9 | must be at most 8",
            "size | 1000 | must be at most 8",
            "stem | 100000 | must be at most 512",
            "growth | [100000, 8] | must be at most 256",
            "bottleneck | 2147483647 | must be at most 8",
            "classes | 1000000 | must be at most 10000",
            "input | [1, 100000, 28] | at most 512 pixels a side",
            "stem | 16.5 | must be a whole number",
            "stem | \"16\" | must be a whole number",
            "stem | 2147483648 | must be a whole number",
            "bottlenek | 2 | did you mean 'bottleneck'",
            "base | 3 | must be a resolution level from 0 to 2",
            "base | -1 | must be a resolution level from 0 to 2",
            "base | 1.0 | must be a whole number",
            "base | 0.5 | must be a whole number",
            "base | \"1\" | must be a whole number",
            "base | null | must be a whole number",
    })
    void aValueBeyondItsBoundOrOfTheWrongKindIsRefusedNamingTheField(String field, String value, String rule) {
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> ConfigFile.parse(exampleWith(field, value)));
        assertTrue(e.getMessage().contains(rule), e.getMessage());
        assertTrue(e.field().startsWith(field), e.field());
    }

    @Test
    void baseIsWrittenOnlyAboveZeroSoThatEarlierFilesAndIdsStay() {
        String base0 = ConfigFile.write(WorkedExample.config());
        assertFalse(base0.contains("\"base\""), base0);
        assertEquals(WorkedExample.config(), ConfigFile.parse(exampleWith("base", "0")));
        assertEquals(WorkedExample.config().id(), ConfigFile.parse(exampleWith("base", "0")).id());
        String base1 = ConfigFile.write(WorkedExample.withBase(1));
        assertTrue(base1.contains("\"base\" : 1"), base1);
        assertEquals(WorkedExample.withBase(1), ConfigFile.parse(base1));
        assertNotEquals(WorkedExample.config().id(), WorkedExample.withBase(1).id());
    }

    @Test
    void aDepthBeyondItsBoundIsRefusedNamingTheCell() {
        ObjectNode root = ConfigFile.toJson(WorkedExample.config());
        ((ObjectNode) root.get("cells").get(1)).put("depth", Integer.MAX_VALUE);
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> ConfigFile.parse(root.toString()));
        assertEquals("cells[1].depth", e.field());
        assertTrue(e.getMessage().contains("at most 64"), e.getMessage());
    }

    @Test
    void aMisspeltCellFieldIsRefused() {
        ObjectNode root = ConfigFile.toJson(WorkedExample.config());
        ((ObjectNode) root.get("cells").get(0)).put("dpeth", 2);
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> ConfigFile.parse(root.toString()));
        assertEquals("cells[0].dpeth", e.field());
    }

    @Test
    void aDuplicateKeyIsRefused() {
        String json = ConfigFile.write(WorkedExample.config()).replaceFirst("\"stem\"", "\"stem\" : 8, \"stem\"");
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> ConfigFile.parse(json));
        assertTrue(e.getMessage().contains("Duplicate field 'stem'"), e.getMessage());
    }

    @Test
    void metadataThatSmartNasWritesIsReadBackAndIgnored() {
        String json = exampleWith("metrics", "[{\"exit\": 0}]");
        assertEquals(WorkedExample.config(), ConfigFile.parse(json));
    }

    @Test
    void aFileLargerThanTheBoundIsRefusedBeforeItIsRead(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("huge.json");
        Files.writeString(file, " ".repeat((int) JsonInput.MAX_FILE_BYTES + 1));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ConfigFile.read(file));
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        assertTrue(e.getMessage().contains("larger than"), e.getMessage());
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ConfigFileTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
