package io.smartnas.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import io.smartnas.results.H2Database;
import io.smartnas.results.ResultStore;
import io.smartnas.results.Samples;
import io.smartnas.space.SmartNetConfig;
import io.smartnas.space.evaluation.Targets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CompareCommandTest {
    @TempDir
    Path dir;

    @Test
    void repeatedRunsOfTwoStrategiesAreTestedForASignificantDifference() throws Exception {
        String db = dir.resolve("r.mv.db").toString();
        try (ResultStore store = H2Database.open(Path.of(db), true)) {
            int seed = 0;
            for (String strategy : new String[] {"genetic", "random"}) {
                for (int r = 0; r < 4; r++) {
                    long run = store.createRun(new io.smartnas.results.NewRun("r", strategy, Targets.NONE, "{}",
                            "{}"));
                    for (int e = 0; e < 3; e++) {
                        SmartNetConfig config = Samples.config(seed++);
                        store.putCandidate(Samples.candidate(config));
                        double accuracy = (strategy.equals("genetic") ? 0.9 : 0.7) + 0.01 * r + 0.001 * e;
                        store.addEvaluation(run, Samples.ok(config, Samples.FIDELITY, accuracy, 1));
                    }
                }
            }
        }
        Cli cli = Cli.run("compare", "1", "2", "3", "4", "5", "6", "7", "8", "--db", db, "--json");
        assertEquals(ExitCodes.OK, cli.exitCode(), cli.err());
        JsonNode result = Json.MAPPER.readTree(cli.out());
        assertEquals(8, result.get("runs").size());
        assertEquals(3, result.get("runs").get(0).get("best_so_far").size());
        assertTrue(result.get("test").get("p").asDouble() < 0.05);
        assertTrue(Cli.run("compare", "1", "5", "--db", db).out().contains("needs runs of two strategies"));
    }
}
