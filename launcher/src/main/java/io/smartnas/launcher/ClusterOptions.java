package io.smartnas.launcher;

import io.smartnas.app.SearchJob;
import io.smartnas.space.InvalidInputException;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

/** A search's cluster options: a port opens the cluster, and the search's candidates go to its workers too. */
final class ClusterOptions {
    @Option(names = "--cluster", paramLabel = "PORT",
            description = "Open a cluster on this port: workers that join (smartnas worker --join HOST:PORT) "
                    + "evaluate candidates beside this machine's devices.")
    Integer port;

    @Option(names = "--bind", paramLabel = "ADDR", defaultValue = "127.0.0.1",
            description = "The interface the cluster listens on (default ${DEFAULT-VALUE}); beyond loopback, "
                    + "--secret-file is required.")
    String bind;

    @Option(names = "--secret-file", paramLabel = "FILE",
            description = "The key every task and result is signed with (owner-readable only, 16 characters or "
                    + "more); the same file on every machine. Default on loopback: ~/.smartnas/cluster.secret.")
    Path secretFile;

    @Option(names = "--no-local", description = "Leave every candidate to the workers; this machine only "
            + "coordinates.")
    boolean noLocal;

    /**
     * Refuses, before a database is opened or anything trained, a cluster port that another process listens on (a
     * second coordinator on the port of a running one).
     *
     * @throws InvalidInputException naming the port
     */
    void checkPort() {
        if (port == null) {
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(bind, port));
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidInputException("--cluster " + port + ": the port is in use on " + bind + " ("
                    + e.getMessage() + "; another coordinator?); choose another port");
        }
    }

    /** The cluster these options open, or null without {@code --cluster}. */
    SearchJob.Cluster cluster() {
        return port == null ? null : new SearchJob.Cluster(port, bind, secretFile, noLocal);
    }
}
