package io.smartnas.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import io.smartnas.space.latency.DeviceProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DescribeCommandTest {
    @TempDir
    Path dir;

    @Test
    void jsonGivesTheTotalsOfTheWorkedExample() throws IOException {
        Cli cli = Cli.run("describe", copy("/two-exits.json").toString(), "--json");
        assertEquals(ExitCodes.OK, cli.exitCode(), cli.err());
        JsonNode json = Json.MAPPER.readTree(cli.out());
        assertEquals(39_500, json.get("params").asLong());
        assertEquals(1_152, json.get("buffers").asLong());
        assertEquals(162_608, json.get("bytes").asLong());
        assertEquals(3, json.get("blocks").asInt());
        assertEquals(9_897_616, json.get("exits").get(0).get("macs").asLong());
        assertEquals(26_932_568, json.get("exits").get(1).get("macs").asLong());
        assertEquals(13_394, json.get("groups").get(0).get("params").asLong());
        assertEquals(26_106, json.get("groups").get(1).get("params").asLong());
    }

    @Test
    void jsonPrintsOneLinePerFile() throws IOException {
        Path file = copy("/two-exits.json");
        Cli cli = Cli.run("describe", "--json", file.toString(), file.toString());
        assertEquals(2, cli.out().lines().count());
    }

    @Test
    void theTableShowsEveryExitAndGroup() throws IOException {
        Cli cli = Cli.run("describe", copy("/two-exits.json").toString());
        assertEquals(ExitCodes.OK, cli.exitCode(), cli.err());
        assertTrue(cli.out().contains("26,932,568"), cli.out());
        assertTrue(cli.out().contains("total  39,500"), cli.out());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "missing-field.json, stem",
            "wrong-format.json, format",
            "cell-out-of-order.json, cells[1]",
            "slot-not-earlier.json, cells[1].from",
            "structural-input-listed.json, cells[2].from",
            "negative-depth.json, cells[1].depth",
            "growth-wrong-length.json, growth",
            "size-mismatch.json, cells",
            "unknown-class-count.json, classes",
            "slot-listed-twice.json, cells[2].from",
            "input-not-three-numbers.json, input",
            "cell-missing.json, cells",
            "not-json.json, file",
    })
    void aMalformedConfigExitsWithTwoNamingTheFileAndField(String name, String field) throws IOException {
        Path file = copy("/malformed/" + name);
        Cli cli = Cli.run("describe", file.toString());
        assertEquals(ExitCodes.BAD_INPUT, cli.exitCode());
        assertEquals("", cli.out());
        assertTrue(cli.err().startsWith("smartnas describe: " + file + ": " + field + ": "), cli.err());
        assertEquals(1, cli.err().lines().count(), "a message, not a stack trace: " + cli.err());
    }

    @Test
    void aMissingFileExitsWithTwo() {
        Cli cli = Cli.run("describe", dir.resolve("absent.json").toString());
        assertEquals(ExitCodes.BAD_INPUT, cli.exitCode());
        assertTrue(cli.err().contains("absent.json: no such file"), cli.err());
    }

    @Test
    void anUnknownOptionExitsWithTwo() throws IOException {
        assertEquals(ExitCodes.BAD_INPUT, Cli.run("describe", "--frobnicate", copy("/two-exits.json").toString())
                .exitCode());
    }

    private Path copy(String resource) throws IOException {
        Path file = dir.resolve(resource.substring(resource.lastIndexOf('/') + 1));
        try (InputStream in = DescribeCommandTest.class.getResourceAsStream(resource)) {
            Files.copy(in, file);
        }
        return file;
    }

    @Test
    void latencyIsPredictedWithTheDevicesStoredProfile() throws IOException {
        Path db = dir.resolve("r.mv.db");
        long id = StoredProfiles.store(db, StoredProfiles.perConv(0.25));
        Cli cli = Cli.run("describe", copy("/two-exits.json").toString(), "--latency", "--device", "cpu", "--db",
                db.toString(), "--json");
        assertEquals(ExitCodes.OK, cli.exitCode(), cli.err());
        JsonNode latency = Json.MAPPER.readTree(cli.out()).get("predicted_latency");
        assertEquals(id, latency.get("profile").asLong());
        // Exit 0: stem, two layers of two convolutions, the linear layer; exit 1 adds (0,1)'s three layers and
        // (1,1)'s one, and its own head instead of exit 0's.
        assertEquals(0.25 * 6, latency.get("exits").get(0).get("latency_ms").asDouble(), 1e-9);
        assertEquals(0.25 * (1 + 4 + 6 + 2 + 1), latency.get("exits").get(1).get("latency_ms").asDouble(), 1e-9);
        assertEquals(0.25 * (1 + 4 + 6 + 2 + 2), latency.get("exits").get(1).get("leaving_at_ms").asDouble(), 1e-9);
    }

    @Test
    void latencyWithoutACalibratedDeviceIsBadInputThatSaysHowToCalibrate() throws IOException {
        Path db = dir.resolve("r.mv.db");
        StoredProfiles.store(db, new DeviceProfile("another cpu, 64 threads", List.of(0.0, 1.0, 0.0, 0.0, 0.0, 0.0), 60,
                0.05, 0.2, Instant.EPOCH, "{}"));
        Cli cli = Cli.run("describe", copy("/two-exits.json").toString(), "--latency", "--device", "cpu", "--db",
                db.toString());
        assertEquals(ExitCodes.BAD_INPUT, cli.exitCode());
        assertTrue(cli.err().contains("no latency profile of cpu") && cli.err().contains("calibrate-device"),
                cli.err());
    }
}
