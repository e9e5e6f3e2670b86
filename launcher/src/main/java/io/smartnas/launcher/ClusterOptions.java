package io.smartnas.launcher;

import io.smartnas.cluster.ClusterProgress;
import io.smartnas.cluster.Coordinator;
import io.smartnas.cluster.Secret;
import io.smartnas.evaluator.DjlEvaluator;
import io.smartnas.space.InvalidInputException;
import io.smartnas.space.evaluation.Evaluator;
import io.smartnas.space.run.EvaluationSpec;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.function.Supplier;

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

    /** The evaluator a search uses, with the cluster it opened (or none), closed together. */
    record Opened(DjlEvaluator local, Evaluator evaluator, Coordinator coordinator) implements AutoCloseable {
        String provenance() {
            return local != null ? local.provenance() : "{}";
        }

        /** The run finished: workers may leave. */
        void finished() {
            if (coordinator != null) {
                coordinator.finished();
            }
        }

        @Override
        public void close() {
            if (coordinator != null) {
                coordinator.close();
            }
        }
    }

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

    /**
     * The search's evaluator: this machine's devices, and, with {@code --cluster}, the workers of the cluster it
     * opens.
     */
    Opened open(EvaluationSpec spec, Supplier<DjlEvaluator> local, ClusterProgress progress) {
        if (port == null) {
            DjlEvaluator evaluator = local.get();
            return new Opened(evaluator, evaluator, null);
        }
        DjlEvaluator evaluator = noLocal ? null : local.get();
        Coordinator coordinator = Coordinator.open(Secret.forCluster(secretFile, bind), bind, port, spec, Version.build(),
                evaluator, progress);
        return new Opened(evaluator, coordinator.evaluator(), coordinator);
    }
}
