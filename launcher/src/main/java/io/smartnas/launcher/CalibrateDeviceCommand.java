package io.smartnas.launcher;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smartnas.app.LatencyProfiles;
import io.smartnas.evaluator.PredictionCheck;
import io.smartnas.results.H2ResultStore;
import io.smartnas.results.StoredProfile;
import io.smartnas.space.SmartNetConfig;
import io.smartnas.space.config.ConfigFile;
import io.smartnas.space.latency.DeviceProfile;
import io.smartnas.space.latency.LatencyFeatures;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** {@code smartnas calibrate-device}: the latency profile of a device, measured once and stored. */
@Command(name = "calibrate-device", footer = {"  smartnas calibrate-device --device cpu",
        "  smartnas sample --seed 7 --count 30 --out held-out/ && smartnas calibrate-device --check held-out/*.json"},
        description = "Times a fixed set of SmartNets at batch size 1 on a device and stores what each latency term "
                + "costs there (its profile, keyed by CPU model and threads, or GPU): describe --latency and a "
                + "search with a latency target predict from it. Run it on an idle machine.")
final class CalibrateDeviceCommand extends Subcommand {
    @Mixin
    private DeviceOption device;

    @Mixin
    private DbOption db;

    @Option(names = "--json", description = "The profile (and the check) as one JSON object.")
    private boolean json;

    @Option(names = "--check", arity = "1..*", paramLabel = "CONFIG",
            description = "Config files to check the new profile on: each is timed here after the calibration, and "
                    + "its last exit's predicted and measured latency are printed, with the median and worst error.")
    private List<Path> check = List.of();

    @Override
    void run() {
        List<SmartNetConfig> checked = check.stream().map(ConfigFile::read).toList();
        StoredProfile stored;
        try (H2ResultStore store = db.forSearch(true)) {
            stored = LatencyProfiles.calibrate(store, device.spec(), ProgressBars::steps);
        }
        DeviceProfile p = stored.profile();
        ObjectNode node = Json.object().put("profile", stored.id()).put("device", p.device())
                .put("points", p.points()).put("median_error", p.medianError()).put("worst_error", p.worstError());
        ObjectNode prices = node.putObject("ms_per_unit");
        for (int i = 0; i < LatencyFeatures.NAMES.size(); i++) {
            prices.put(LatencyFeatures.NAMES.get(i), p.coefficients().get(i));
        }
        PrintWriter out = out();
        if (!json) {
            out.printf(Locale.ROOT, "profile %d of %s, from %d timed passes%n", stored.id(), p.device(), p.points());
            prices.fields().forEachRemaining(price -> out.printf(Locale.ROOT, "  %-9s %.4g ms per unit%n",
                    price.getKey(), price.getValue().asDouble()));
            out.printf(Locale.ROOT, "  fit: median error %.1f%%, worst %.1f%%; stored in %s%n",
                    100 * p.medianError(), 100 * p.worstError(), db.file());
        }
        if (!checked.isEmpty()) {
            check(p, checked, node.putObject("check"), out);
        }
        if (json) {
            out.println(Json.line(node));
        }
    }

    /** Times each checked config here and compares its last exit's latency with the prediction. */
    private void check(DeviceProfile p, List<SmartNetConfig> configs, ObjectNode result, PrintWriter out) {
        PredictionCheck check;
        try (ProgressBars.Meter bar = ProgressBars.of("check", configs.size())) {
            check = PredictionCheck.run(device.spec(), p, configs, bar::stepTo);
        }
        ArrayNode rows = result.putArray("configs");
        Table table = new Table("config", "predicted ms", "measured ms", "error");
        for (PredictionCheck.Config c : check.configs()) {
            rows.addObject().put("id", c.id()).put("predicted_ms", c.predictedMs()).put("measured_ms", c.measuredMs())
                    .put("error", c.error());
            table.row(c.id(), String.format(Locale.ROOT, "%.3f", c.predictedMs()),
                    String.format(Locale.ROOT, "%.3f", c.measuredMs()), String.format(Locale.ROOT, "%+.1f%%",
                            100 * c.error()));
        }
        result.put("median_absolute_error", check.medianAbsoluteError()).put("worst_error", check.worstError());
        if (!json) {
            out.println("check on " + configs.size() + " config(s), last exit at batch size 1:");
            table.print(out, "  ");
            out.printf(Locale.ROOT, "  median absolute error %.1f%%, worst %+.1f%%%n",
                    100 * check.medianAbsoluteError(), 100 * check.worstError());
        }
    }
}
