package io.smartnas.app;

import io.smartnas.evaluator.TrainingProgress;
import io.smartnas.results.H2Database;
import io.smartnas.results.H2ResultStore;
import io.smartnas.results.RunStatus;
import io.smartnas.space.InvalidInputException;
import io.smartnas.space.SmartNetConfig;
import io.smartnas.space.config.ConfigFile;
import io.smartnas.space.run.RunDescription;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A search started from code, as the command line starts one: planned, run to its end, its best exported. */
@Tag("slow")
class SearchJobTest {
    /** The quick preset made tiny: synthetic data, 4 candidates of at most 2 exits, one epoch on 300 images. */
    private static final String TINY = "{\"data\": \"synthetic\", \"population\": 2, \"evaluations\": 4, "
            + "\"space\": {\"max_size\": 2, \"max_depth\": 2}, \"fidelity\": {\"epochs\": 1, \"subset\": 300, "
            + "\"seconds\": 0}, \"final_training\": {\"epochs\": 1, \"subset\": 300}}";

    @TempDir
    Path dir;

    private static RunDescription tiny() throws Exception {
        return RunDescription.of(RunDescription.merge(RunDescription.preset("quick"),
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(TINY)));
    }

    /** Shows nothing. */
    private static final class Quiet implements SearchJob.Progress {
        @Override
        public TrainingProgress started(SmartNetConfig config, String device) {
            return TrainingProgress.NONE;
        }

        @Override
        public void close() {
        }
    }

    @Test
    void aSearchRunsFromCodeToItsEndAndExportsItsBest() throws Exception {
        SearchJob.Plan plan = SearchJob.plan(tiny(), "cpu");
        assertNotNull(plan.run().dataChecksum(), "the plan read the data and recorded its checksum");
        SearchJob job = new SearchJob(plan, null, "test", run -> dir.resolve("run-" + run), (label, steps) -> {
            throw new AssertionError("no latency target, so no calibration");
        });
        try (H2ResultStore store = H2Database.open(dir.resolve("results.mv.db"), true)) {
            SearchJob.Outcome outcome = job.start(store, "from code", Quiet::new);
            assertEquals(4, outcome.result().evaluations());
            assertEquals(RunStatus.FINISHED, store.run(outcome.result().runId()).orElseThrow().status());
            assertTrue(Files.exists(outcome.bestFile()), "the best was exported: " + outcome.bestFile());
            assertEquals(outcome.result().best().configId(), ConfigFile.read(outcome.bestFile()).id());
        }
    }

    @Test
    void aPlanRefusesDataOtherThanTheRunWasStoredWith() throws Exception {
        RunDescription stored = SearchJob.plan(tiny(), "cpu").run();
        RunDescription other = RunDescription.stored(stored.json().replace(stored.dataChecksum(),
                "sha256:" + "0".repeat(64)));
        assertThrows(InvalidInputException.class, () -> SearchJob.plan(other, "cpu"));
    }
}
