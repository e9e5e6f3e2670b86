package io.smartnas.launcher;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smartnas.evaluator.anytime.AnytimeLatency;
import io.smartnas.evaluator.anytime.Calibration;
import io.smartnas.evaluator.anytime.ExitOutcomes;
import io.smartnas.evaluator.anytime.ExitPolicy;
import io.smartnas.evaluator.data.Batches;
import io.smartnas.evaluator.data.DataSource;
import io.smartnas.evaluator.net.SmartNetModel;
import io.smartnas.space.InvalidInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code smartnas infer}: anytime inference with a trained model on the test images: each image leaves at the first
 * exit confident enough, against always running to the last exit loaded.
 */
@Command(name = "infer", mixinStandardHelpOptions = true,
        footerHeading = "%nExample:%n",
        footer = {"  smartnas infer model/ --exits 2 --curve --out curve/"},
        description = "Classifies the test images with early exits: accuracy, share of images per exit, average "
                + "MACs and measured latency, against always running to the last loaded exit.")
final class InferCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "MODEL_DIR", description = "A model saved by smartnas train --out.")
    private Path dir;

    @Option(names = "--exits", paramLabel = "K", description = "Load exit groups 0..K-1 only (default: all).")
    private Integer exits;

    @Option(names = "--policy", paramLabel = "FILE", description = "An exit policy (default: the model's "
            + "policy.json, else every image runs to the last exit).")
    private Path policyFile;

    @Option(names = "--threshold", split = ",", paramLabel = "T",
            description = "Thresholds per exit but the last (one value: the same for all), instead of a policy.")
    private List<Double> thresholds;

    @Option(names = "--curve", description = "Also print accuracy against average MACs over shared thresholds.")
    private boolean curve;

    @Option(names = "--out", paramLabel = "DIR", description = "With --curve, write curve.csv and curve.png here.")
    private Path out;

    @Option(names = "--latency-images", defaultValue = "200",
            description = "Test images timed one by one for latency (default ${DEFAULT-VALUE}).")
    private int latencyImages;

    @Mixin
    private DataOptions data;

    @Mixin
    private DeviceOption device;

    @Option(names = "--json", description = "Print one JSON object.")
    private boolean json;

    @Override
    public Integer call() throws IOException {
        OutputDirectory.check("--out", out);
        ModelDirectory model = ModelDirectory.of(dir);
        int k = exits == null ? model.config().size() : exits;
        if (k < 1 || k > model.config().size()) {
            throw new InvalidInputException("--exits must be 1.." + model.config().size() + ", got " + k);
        }
        ExitPolicy policy = policy(model, k);
        DataSource source = data.load(model.config(), model.seed());
        ObjectNode result;
        List<double[]> points = new ArrayList<>();
        try (SmartNetModel net = model.load(k, device.first())) {
            var manager = net.model().getNDManager();
            ExitOutcomes test = ExitOutcomes.measure(net.block(), manager,
                    new Batches(source.test(), model.normalization(), ExitOutcomes.BATCH, 0));
            result = PolicyReport.outcome(test, policy);
            AnytimeLatency latency = AnytimeLatency.measure(net.block(), manager,
                    new Batches(source.test().first(latencyImages), model.normalization(), 1, 0), policy);
            result.put("latency_ms", latency.anytimeMs());
            result.put("last_exit_latency_ms", latency.lastExitMs());
            result.put("exits", k);
            result.set("policy", policy.json().get("thresholds"));
            if (curve) {
                for (double t : Calibration.grid()) {
                    ExitOutcomes.Outcome o = test.under(ExitPolicy.shared(k, t));
                    points.add(new double[] {t, o.accuracy(), o.averageMacs()});
                }
            }
        }
        print(result, points);
        if (curve && out != null) {
            Curves.write(out, points, result.get("last_exit_macs").asDouble(),
                    result.get("last_exit_accuracy").asDouble());
        }
        return ExitCodes.OK;
    }

    private ExitPolicy policy(ModelDirectory model, int k) throws IOException {
        try {
            if (thresholds != null) {
                return thresholds.size() == 1 ? ExitPolicy.shared(k, thresholds.get(0)) : new ExitPolicy(thresholds);
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("--threshold: " + e.getMessage());
        }
        if (policyFile != null) {
            return ModelDirectory.readPolicy(policyFile).prefix(k);
        }
        return model.policy(k);
    }

    private void print(ObjectNode result, List<double[]> points) {
        PrintWriter stdout = spec.commandLine().getOut();
        if (json) {
            if (curve) {
                var array = result.putArray("curve");
                points.forEach(p -> array.addObject().put("threshold", p[0]).put("accuracy", p[1])
                        .put("avg_macs", p[2]));
            }
            stdout.println(Json.line(result));
        } else {
            stdout.printf(Locale.ROOT, "%d test images, %d exit(s), thresholds %s%n", result.get("images").asInt(),
                    result.get("exits").asInt(), result.get("policy"));
            stdout.printf(Locale.ROOT, "  accuracy %.2f%% (last exit %.2f%%), average MACs %,.0f (last exit %,.0f, "
                            + "%.1f%% saved)%n", 100 * result.get("accuracy").asDouble(),
                    100 * result.get("last_exit_accuracy").asDouble(), result.get("avg_macs").asDouble(),
                    result.get("last_exit_macs").asDouble(), 100 * result.get("macs_saved").asDouble());
            stdout.printf(Locale.ROOT, "  latency %.3f ms per image (last exit %.3f ms); share per exit %s%n",
                    result.get("latency_ms").asDouble(), result.get("last_exit_latency_ms").asDouble(),
                    result.get("exit_share"));
            if (curve) {
                Table table = new Table("threshold", "accuracy", "avg MACs");
                points.forEach(p -> table.row(String.format(Locale.ROOT, "%.3f", p[0]),
                        String.format(Locale.ROOT, "%.4f", p[1]), String.format(Locale.ROOT, "%.0f", p[2])));
                table.print(stdout, "  ");
            }
        }
        stdout.flush();
    }
}
