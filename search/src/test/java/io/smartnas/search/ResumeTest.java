package io.smartnas.search;

import io.smartnas.results.H2Database;
import io.smartnas.results.ResultStore;
import io.smartnas.results.RunStatus;
import io.smartnas.results.StoredEvaluation;
import io.smartnas.space.SmartNetConfig;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("slow")
class ResumeTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aSearchKilledInItsSecondBatchResumesToTheSameBudgetKeepingAndNotRetrainingAnything() throws Exception {
        Path db = dir.resolve("results.mv.db");
        Process search = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SearchProcess.class.getName(), db.toString())
                .redirectErrorStream(true).start();
        StringBuilder output = new StringBuilder();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(search.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null && !line.equals("blocked"); line = out.readLine()) {
                output.append(line).append('\n');
            }
            search.destroyForcibly(); // SIGKILL, in the middle of the second batch
            assertTrue(search.waitFor(30, TimeUnit.SECONDS));
        }
        assertTrue(output.toString().contains("batch 2"), output.toString());

        try (ResultStore store = H2Database.open(db, false)) {
            long run = store.runs().get(0).id();
            assertEquals(RunStatus.RUNNING, store.run(run).orElseThrow().status(), "killed, so never finished");
            List<StoredEvaluation> before = store.evaluations(run);
            assertTrue(before.size() > SearchProcess.SETTINGS.budget().population(),
                    "the first batch and part of the second were stored: " + before.size());
            Set<String> storedBefore = new HashSet<>();
            before.forEach(e -> storedBefore.add(e.evaluation().configId()));

            SyntheticEvaluator evaluator = new SyntheticEvaluator();
            SearchResult result = new Search(store, evaluator, SearchProcess.SETTINGS, SearchProgress.NONE)
                    .resume(run);

            assertEquals(40, result.evaluations());
            List<StoredEvaluation> after = store.evaluations(run);
            assertEquals(40, after.size());
            assertEquals(before, after.subList(0, before.size()), "every stored evaluation is kept as it was");
            for (SmartNetConfig trained : evaluator.trained) {
                assertFalse(storedBefore.contains(trained.id()), "retrained " + trained.id());
            }
            assertEquals(40 - before.size(), evaluator.trained.size() + rejectedAfter(after, before.size()));
            assertEquals(RunStatus.FINISHED, store.run(run).orElseThrow().status());
        }
    }

    private static long rejectedAfter(List<StoredEvaluation> after, int from) {
        return after.subList(from, after.size()).stream()
                .filter(e -> !e.evaluation().ok() || e.evaluation().provenance().containsKey("reused_evaluation"))
                .count();
    }
}
