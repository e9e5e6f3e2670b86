package io.smartnas.results;

import java.sql.Connection;
import java.sql.DriverManager;

/** Opens a database the way a foreign tool would (no automatic mixed mode) and holds it until killed. */
public final class LockHolderProcess {
    private LockHolderProcess() {
    }

    public static void main(String[] args) throws Exception {
        String base = args[0].substring(0, args[0].length() - ".mv.db".length());
        try (Connection connection = DriverManager.getConnection("jdbc:h2:file:" + base, H2Database.ADMIN,
                DatabaseSecret.read(java.nio.file.Path.of(args[0])).orElseThrow().admin())) {
            System.out.println("holding");
            System.out.flush();
            Thread.sleep(120_000);
        }
    }
}
