package io.smartnas.launcher;

import io.smartnas.app.LatencyProfiles;
import io.smartnas.results.H2ResultStore;
import io.smartnas.results.StoredProfile;
import io.smartnas.space.SmartNetConfig;
import io.smartnas.space.config.ConfigFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code smartnas describe}: what config files cost, by the cost model, without training anything. */
@Command(name = "describe", footer = {"  smartnas describe examples/two-exits.json --json",
        "  smartnas describe examples/two-exits.json --latency --device cpu"},
        description = "Prints parameters, buffers, MACs and bytes per exit and per exit group of config files, and "
                + "with --latency their predicted latency on a calibrated device.")
final class DescribeCommand extends Subcommand {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "SmartNet config files (format smartnet/1).")
    private List<Path> files;

    @Option(names = "--json", description = "One JSON object per file and per line.")
    private boolean json;

    @Option(names = "--latency", description = "Also the latency per exit at batch size 1 that the device's stored "
            + "profile predicts (see calibrate-device), through each exit alone and leaving there in anytime "
            + "inference.")
    private boolean latency;

    @Mixin
    private DeviceOption device;

    @Mixin
    private DbOption db;

    @Override
    void run() {
        List<SmartNetConfig> configs = files.stream().map(ConfigFile::read).toList();
        StoredProfile profile = null;
        if (latency) {
            try (H2ResultStore store = db.readOnly()) {
                profile = LatencyProfiles.required(store, device.spec(), db.file());
            }
        }
        List<CostReport> reports = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            reports.add(new CostReport(files.get(i).toString(), configs.get(i), profile));
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
