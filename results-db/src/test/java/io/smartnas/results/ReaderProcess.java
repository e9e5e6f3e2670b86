package io.smartnas.results;

import io.smartnas.space.evaluation.Targets;

import java.nio.file.Path;

/** Queries a database that another process is writing, printing how many evaluations it sees each time. */
public final class ReaderProcess {
    private ReaderProcess() {
    }

    public static void main(String[] args) throws InterruptedException {
        long run = Long.parseLong(args[1]);
        try (ResultStore store = H2Database.open(Path.of(args[0]), false)) {
            for (int i = 0; i < 15; i++) {
                int seen = store.measured(run, Targets.NONE).size();
                store.pareto(run, Targets.NONE);
                System.out.println("seen " + seen);
                Thread.sleep(100);
            }
        }
    }
}
