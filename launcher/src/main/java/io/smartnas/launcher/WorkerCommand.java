package io.smartnas.launcher;

import io.smartnas.cluster.ClusterProgress;
import io.smartnas.cluster.Secret;
import io.smartnas.cluster.Worker;
import io.smartnas.evaluator.CandidateProgress;
import io.smartnas.evaluator.Dataset;
import io.smartnas.evaluator.DjlEvaluator;
import io.smartnas.space.evaluation.Evaluator;
import io.smartnas.evaluator.TrainingProgress;
import io.smartnas.space.InvalidInputException;
import io.smartnas.space.evaluation.InterruptedRunException;
import io.smartnas.space.run.EvaluationSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** {@code smartnas worker}: evaluates a search's candidates on this machine's devices, for a coordinator. */
@Command(name = "worker", footer = {"  smartnas worker --join 10.0.0.1:5701 --secret-file cluster.secret"},
        description = "Joins the cluster a search opened (search --cluster PORT) and evaluates its candidates on this "
                + "machine's devices until the run finishes or it is stopped. Needs the project and the data set; no "
                + "database.")
final class WorkerCommand extends Subcommand {
    @Option(names = "--join", required = true, paramLabel = "HOST:PORT",
            description = "The coordinator: the machine of the search and its --cluster port.")
    private String join;

    @Mixin
    private DeviceOption device;

    @Option(names = "--secret-file", paramLabel = "FILE",
            description = "The cluster's key, the same file as the coordinator's; default on loopback: "
                    + "~/.smartnas/cluster.secret.")
    private Path secretFile;

    @Option(names = "--data", paramLabel = "fashion-mnist|DIR",
            description = "Where this machine has the run's data (default: where the coordinator has it); it must "
                    + "have the run's checksum.")
    private String data;

    @Option(names = "--bind", paramLabel = "ADDR",
            description = "The interface this worker listens on (default: loopback when the coordinator is on this "
                    + "machine, else the one that reaches it).")
    private String bind;

    @Option(names = "--port", defaultValue = "5702", paramLabel = "PORT",
            description = "The first port this worker tries to listen on (default ${DEFAULT-VALUE}).")
    private int port;

    @Override
    void run() {
        int colon = join.lastIndexOf(':');
        if (colon < 1) {
            throw new InvalidInputException("--join must be HOST:PORT, got '" + join + "'");
        }
        String host = join.substring(0, colon);
        Map<String, Dataset> loaded = new HashMap<>();
        ClusterProgress lines = new ClusterProgress() {
            @Override
            public void said(String line) {
                spec.commandLine().getErr().println(line);
                spec.commandLine().getErr().flush();
            }
        };
        CandidateProgress candidates = (config, where) -> {
            lines.said("evaluating " + config.id() + " on " + where);
            return TrainingProgress.NONE;
        };
        Worker worker = new Worker(Secret.forCluster(secretFile, host), join,
                bind != null ? bind : io.smartnas.cluster.Network.toward(host), port, Version.build(),
                spec -> device.spec().each().stream().<Evaluator>map(d -> DjlEvaluator.of(spec,
                        dataset(loaded, spec), d, candidates)).toList(),
                spec -> dataset(loaded, spec).checksum(), device.spec().toString(), lines);
        switch (worker.run()) {
            case FINISHED -> lines.said("the run finished");
            case REFUSED -> throw new InvalidInputException("the coordinator refused this worker: "
                    + worker.refusal());
            case STOPPED -> throw new InterruptedRunException("worker stopped; its candidate went back to the "
                    + "coordinator");
        }
    }

    private Dataset dataset(Map<String, Dataset> loaded, EvaluationSpec spec) {
        return loaded.computeIfAbsent(spec.json(), json -> Dataset.forSearch(data != null ? data : spec.data(),
                spec.inputShape(), spec.splitSeed()));
    }
}
