package io.smartnas.results;

import io.smartnas.space.SmartNetConfig;
import io.smartnas.space.evaluation.Targets;

import java.nio.file.Path;

/** Writes evaluations to a database until killed, printing the id of each one whose write has returned. */
public final class WriterProcess {
    private WriterProcess() {
    }

    public static void main(String[] args) {
        try (ResultStore store = H2Database.open(Path.of(args[0]), true)) {
            long run = store.createRun(Samples.run("writer", Targets.NONE));
            System.out.println("run " + run);
            for (int i = 0; ; i++) {
                SmartNetConfig config = Samples.config(i);
                store.putCandidate(Samples.candidate(config));
                long id = store.addEvaluation(run, Samples.ok(config, Samples.FIDELITY, 0.5 + i % 40 / 100.0, 2));
                System.out.println("wrote " + id + " " + config.id());
                System.out.flush();
            }
        }
    }
}
