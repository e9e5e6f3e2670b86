package io.smartnas.results;

import java.nio.file.Path;

/** Holds a database open read-only for two seconds, as a read-only command in the middle of a query does. */
public final class SlowReaderProcess {
    private SlowReaderProcess() {
    }

    public static void main(String[] args) throws InterruptedException {
        try (ResultStore store = H2Database.openReadOnly(Path.of(args[0]))) {
            store.runs();
            System.out.println("reading");
            System.out.flush();
            Thread.sleep(2000);
        }
    }
}
