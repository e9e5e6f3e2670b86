package io.smartnas.launcher;

import io.smartnas.app.RunReport;
import io.smartnas.results.ResultStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;

/** {@code smartnas report}: a run as one HTML page with plots ({@link RunReport}). */
@Command(name = "report", footer = {"  smartnas report 1 --out report/"},
        description = "Writes a self-contained HTML page of a run (index.html, with its plots also as PNG files): "
                + "the candidates against latency and size with the targets, the best so far against evaluations "
                + "and time, the final model's accuracy per exit and its anytime curve, and the Pareto front.")
final class ReportCommand extends Subcommand {
    @Parameters(paramLabel = "RUN", description = "The run id (smartnas runs lists them).")
    private long run;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where the page and plots go.")
    private Path out;

    @Mixin
    private DbOption db;

    @Mixin
    private DeviceOption device;

    @Override
    void run() throws IOException {
        OutputDirectory.check("--out", out);
        RunReport.Stored stored;
        try (ResultStore store = db.readOnly()) {
            stored = RunReport.Stored.read(store, RunArgument.require(store, run, db.file()));
        }
        RunReport.Written written = new RunReport(device.spec(),
                ProgressBars.classifying("the final model's anytime curve")).write(stored, out);
        out().println("wrote " + written.page() + " and " + String.join(", ", written.files()));
    }
}
