package io.smartnas.launcher;

import io.smartnas.space.SmartNetConfig;
import io.smartnas.space.config.ConfigFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code smartnas describe}: what config files cost, by the cost model, without training anything. */
@Command(name = "describe", footer = {"  smartnas describe examples/two-exits.json --json"},
        description = "Prints parameters, buffers, MACs and bytes per exit and per exit group of config files.")
final class DescribeCommand extends Subcommand {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "SmartNet config files (format smartnet/1).")
    private List<Path> files;

    @Option(names = "--json", description = "One JSON object per file and per line.")
    private boolean json;

    @Override
    void run() {
        List<CostReport> reports = new ArrayList<>();
        for (Path file : files) {
            SmartNetConfig config = ConfigFile.read(file);
            reports.add(new CostReport(file.toString(), config));
        }
        PrintWriter out = out();
        for (CostReport report : reports) {
            if (json) {
                out.println(Json.line(report.json()));
            } else {
                report.print(out);
            }
        }
    }
}
