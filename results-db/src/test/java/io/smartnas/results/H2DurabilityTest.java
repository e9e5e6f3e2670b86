package io.smartnas.results;

import io.smartnas.space.evaluation.Targets;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("slow")
class H2DurabilityTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aWriterKilledWithSigkillLosesNoWriteThatHadReturned() throws Exception {
        Path db = dir.resolve("results.mv.db");
        Process writer = Jvm.start(WriterProcess.class, db.toString());
        Map<Long, String> written = new LinkedHashMap<>();
        long run = -1;
        try (BufferedReader out = Jvm.output(writer)) {
            for (String line = out.readLine(); line != null && written.size() < 300; line = out.readLine()) {
                String[] words = line.split(" ");
                if (words[0].equals("run")) {
                    run = Long.parseLong(words[1]);
                } else if (words[0].equals("wrote")) {
                    written.put(Long.parseLong(words[1]), words[2]);
                }
            }
            writer.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no close
            assertTrue(writer.waitFor(30, TimeUnit.SECONDS));
        }
        assertEquals(300, written.size(), "the writer should have written 300 evaluations before it was killed");
        try (ResultStore store = H2Database.open(db, false)) {
            List<StoredEvaluation> stored = store.evaluations(run);
            Map<Long, String> found = new LinkedHashMap<>();
            stored.forEach(e -> found.put(e.id(), e.evaluation().configId()));
            written.forEach((id, config) -> assertEquals(config, found.get(id), "evaluation " + id));
            stored.forEach(e -> assertEquals(store.candidate(e.evaluation().configId()).orElseThrow().size(),
                    e.evaluation().exits().size(), "an evaluation is stored whole, with every exit"));
        }
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aSecondJvmQueriesWhileTheFirstWrites() throws Exception {
        Path db = dir.resolve("results.mv.db");
        try (ResultStore store = H2Database.open(db, true)) {
            long run = store.createRun(Samples.run("concurrent", Targets.NONE));
            Thread writer = new Thread(() -> {
                for (int i = 0; i < 400 && !Thread.currentThread().isInterrupted(); i++) {
                    var config = Samples.config(1000 + i);
                    store.putCandidate(Samples.candidate(config));
                    store.addEvaluation(run, Samples.ok(config, Samples.FIDELITY, 0.6, 1));
                }
            });
            writer.start();
            Process reader = Jvm.start(ReaderProcess.class, db.toString(), String.valueOf(run));
            int last = -1;
            StringBuilder output = new StringBuilder();
            try (BufferedReader out = Jvm.output(reader)) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    output.append(line).append('\n');
                    if (line.startsWith("seen ")) {
                        int seen = Integer.parseInt(line.substring(5));
                        assertTrue(seen >= last, "counts never go back: " + output);
                        last = seen;
                    }
                }
            }
            assertTrue(reader.waitFor(60, TimeUnit.SECONDS));
            writer.interrupt();
            writer.join();
            assertEquals(0, reader.exitValue(), output.toString());
            assertTrue(last > 0, "the reader saw the writer's evaluations: " + output);
        }
    }
}
