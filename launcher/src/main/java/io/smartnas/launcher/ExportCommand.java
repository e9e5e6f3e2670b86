package io.smartnas.launcher;

import io.smartnas.results.ResultStore;
import io.smartnas.search.Exporter;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code smartnas export}: a run's best config or Pareto front as config files to deploy or train. */
@Command(name = "export", footer = {"  smartnas export 1 --pareto --out front/", "  smartnas export 1 --best --trained --out deploy/"},
        description = "Writes a run's best candidate or its Pareto front as config files (smartnet/1) carrying the "
                + "measured metrics per exit, the targets, the run and the provenance.")
final class ExportCommand extends Subcommand {
    @Parameters(paramLabel = "RUN", description = "The run id.")
    private long run;

    @ArgGroup(multiplicity = "1")
    private Which which;

    static final class Which {
        @Option(names = "--best", description = "The best candidate: best.json.")
        boolean best;

        @Option(names = "--pareto", description = "Every candidate of the Pareto front: pareto-RANK-ID.json.")
        boolean pareto;
    }

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where the files go.")
    private Path out;

    @Option(names = "--trained", description = "Also copy the network the run trained at its end into DIR/model "
            + "(config, exit groups, policy, model.safetensors for PyTorch).")
    private boolean trained;

    @Mixin
    private DbOption db;

    @Override
    void run() {
        OutputDirectory.check("--out", out);
        List<Path> files;
        try (ResultStore store = db.existing()) {
            RunArgument.require(store, run, db.file());
            // the trained model first: a damaged file of it refuses the export before anything is written
            Path model = trained ? Exporter.exportTrained(store, run, out) : null;
            files = new ArrayList<>(Exporter.export(store, run, which.best ? Exporter.Kind.BEST
                    : Exporter.Kind.PARETO, out));
            if (model != null) {
                files.add(model);
            }
        }
        PrintWriter stdout = out();
        files.forEach(stdout::println);
    }
}
