package io.smartnas.launcher;

import io.smartnas.evaluator.PolicyOutcome;
import io.smartnas.evaluator.SavedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import io.smartnas.space.InvalidInputException;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code smartnas infer}: anytime inference with a trained model on the test images: each image leaves at the first
 * exit confident enough, against always running to the last exit loaded.
 */
@Command(name = "infer", footer = {"  smartnas infer model/ --exits 2 --curve --out curve/"},
        description = "Classifies the test images with early exits: accuracy, share of images per exit, average "
                + "MACs and measured latency, against always running to the last loaded exit.")
final class InferCommand extends Subcommand {
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

    @Option(names = "--logits", paramLabel = "N", description = "Also print what each loaded exit outputs (before "
            + "the softmax) for the first N test images, to compare with another engine: "
            + "bench/pytorch_smartnet.py --model DIR --logits N.")
    private Integer logits;

    @Override
    void run() throws IOException {
        OutputDirectory.check("--out", out);
        if (logits != null && logits < 1) {
            throw new InvalidInputException("--logits must be at least 1, got " + logits);
        }
        SavedModel.Inference result;
        float[][][] outputs = null;
        try (SavedModel model = SavedModel.open(dir, exits, device.spec())) {
            result = model.infer(data.forModel(dir), model.policy(thresholds, policyFile), latencyImages, curve,
                    ProgressBars.classifying("classify the test images"));
            if (logits != null) {
                outputs = model.logits(data.forModel(dir), logits);
            }
        }
        print(result, outputs);
        if (curve && out != null) {
            Curves.write(out, result.curve(), result.test().lastExitMacs(), result.test().lastExitAccuracy());
        }
    }

    private void print(SavedModel.Inference result, float[][][] outputs) {
        PrintWriter stdout = out();
        PolicyOutcome test = result.test();
        if (json) {
            com.fasterxml.jackson.databind.node.ObjectNode line = Json.MAPPER.valueToTree(result);
            if (outputs != null) {
                line.set("logits", Json.MAPPER.valueToTree(outputs));
            }
            stdout.println(Json.line(line));
        } else {
            stdout.printf(Locale.ROOT, "%d test images, %d exit(s), %s%n", test.images(), result.exits(),
                    result.policy().isEmpty() ? "no thresholds (one exit answers every image)"
                            : "thresholds " + result.policy());
            stdout.printf(Locale.ROOT, "  accuracy %.2f%% (last exit %.2f%%), average MACs %,.0f (last exit %,.0f, "
                            + "%.1f%% saved)%n", 100 * test.accuracy(), 100 * test.lastExitAccuracy(), test.avgMacs(),
                    test.lastExitMacs(), 100 * test.macsSaved());
            stdout.printf(Locale.ROOT, "  latency %.3f ms per image (last exit %.3f ms); share per exit %s%n",
                    result.latencyMs(), result.lastExitLatencyMs(), test.exitShare());
            if (curve) {
                Rows.table(stdout, "  ", SavedModel.CurvePoint.class, result.curve());
            }
            for (int e = 0; outputs != null && e < outputs.length; e++) {
                for (int i = 0; i < outputs[e].length; i++) {
                    stdout.println("  logits of exit " + e + ", test image " + i + ": "
                            + java.util.Arrays.toString(outputs[e][i]));
                }
            }
        }
    }
}
