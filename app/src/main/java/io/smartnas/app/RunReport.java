package io.smartnas.app;

import io.smartnas.evaluator.DeviceSpec;
import io.smartnas.evaluator.SavedModel;
import io.smartnas.results.FinalModel;
import io.smartnas.results.Measured;
import io.smartnas.results.ResultStore;
import io.smartnas.results.RunSummary;
import io.smartnas.search.Comparison;
import io.smartnas.space.evaluation.EvaluationStatus;
import io.smartnas.space.evaluation.ExitMetrics;
import io.smartnas.space.evaluation.LatencyMode;
import io.smartnas.space.evaluation.Targets;
import io.smartnas.space.run.RunDescription;
import org.knowm.xchart.XYChart;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * A run as one HTML page with plots ({@link ReportPage}): the candidates against latency and against size with the
 * targets, the best so far against evaluations and against time, the final model's accuracy per exit and its anytime
 * curve (computed by running the model on the test images), and the Pareto front.
 */
public final class RunReport {
    /** What was written: the page, and the plots beside it. */
    public record Written(Path page, List<String> files) {
    }

    /**
     * What the page shows of a run, read from the results at once, so that the database is not held while the final
     * model runs.
     */
    public record Stored(RunSummary summary, List<Measured> measured, List<Measured> front, Comparison.Curve curve,
                         Optional<FinalModel> model) {
        /** Reads the run {@code summary} of {@code store}. */
        public static Stored read(ResultStore store, RunSummary summary) {
            long run = summary.id();
            return new Stored(summary, store.measured(run, summary.targets()), store.pareto(run, Targets.NONE),
                    Comparison.of(store, List.of(run)).curves().get(0), store.finalModel(run));
        }
    }

    /** Test images timed one by one for the anytime figures: only the curve's accuracy is plotted. */
    private static final int LATENCY_IMAGES = 20;

    private final DeviceSpec device;

    /** @param device where the final model runs for its anytime curve */
    public RunReport(DeviceSpec device) {
        this.device = device;
    }

    /** Writes the page of {@code stored} into {@code out}. */
    public Written write(Stored stored, Path out) throws IOException {
        RunSummary summary = stored.summary();
        long run = summary.id();
        List<Measured> measured = stored.measured();
        List<Measured> front = stored.front();
        Comparison.Curve curve = stored.curve();
        Optional<FinalModel> model = stored.model();
        Targets targets = summary.targets();
        ReportPage page = new ReportPage(out).summary(summary, describe(targets), best(summary, model));
        if (measured.stream().noneMatch(m -> m.status() == EvaluationStatus.OK)) {
            page.paragraph("No candidate of this run was measured yet: nothing to plot.");
        } else {
            candidates(page, measured, targets);
            page.heading("Progress");
            if (Arrays.stream(curve.bestSoFar()).allMatch(Double::isNaN)) {
                page.paragraph("No candidate met the targets: there is no best feasible accuracy to follow.");
            } else {
                page.figure("best-by-evaluations", Charts.bestSoFar(List.of(curve), false),
                                "The best feasible validation accuracy after each evaluation")
                        .figure("best-by-time", Charts.bestSoFar(List.of(curve), true),
                                "The best feasible validation accuracy against the time since the run started");
            }
        }
        finalModel(page, model.orElse(null), RunDescription.stored(summary.settings()).data());
        page.heading("Pareto front").paragraph("Validation accuracy up, latency and memory down; the feasible "
                + "candidates first. Measured at the search's fidelity, not the final model's.").front(front);
        return new Written(page.write("SmartNAS run " + run), page.files());
    }

    private static void candidates(ReportPage page, List<Measured> measured, Targets targets) throws IOException {
        List<Measured> ok = measured.stream().filter(m -> m.status() == EvaluationStatus.OK).toList();
        boolean anytime = targets.latencyMode() == LatencyMode.ANYTIME;
        String latency = anytime ? "expected latency of anytime inference (ms per image)"
                : "latency at the last exit (ms per image, batch 1)";
        boolean byParams = targets.maxParams() != null && targets.maxBytes() == null;
        page.heading("Candidates")
                .figure("front-latency", front(ok, Measured::objectiveLatencyMs, "Candidates: accuracy against "
                        + "latency", latency, targets.maxLatencyMs(), "ms", targets), "Every measured candidate: "
                        + "validation accuracy at the last exit against " + latency)
                .figure("front-size", byParams
                        ? front(ok, m -> m.params() / 1000.0, "Candidates: accuracy against size",
                        "parameters (thousands)", targets.maxParams() / 1000.0, "thousand", targets)
                        : front(ok, m -> m.bytes() / 1024.0, "Candidates: accuracy against size",
                        "parameter memory (KB)", targets.maxBytes() == null ? null : targets.maxBytes() / 1024.0,
                        "KB", targets), "Every measured candidate: validation accuracy against its size");
    }

    private static XYChart front(List<Measured> ok, ToDoubleFunction<Measured> x, String title,
                                 String xTitle, Double xTarget, String xUnit, Targets targets) {
        List<Charts.Point> feasible = new ArrayList<>();
        List<Charts.Point> infeasible = new ArrayList<>();
        for (Measured m : ok) {
            (m.feasible() ? feasible : infeasible).add(new Charts.Point(x.applyAsDouble(m), 100 * m.accuracy()));
        }
        return Charts.front(title, xTitle, "validation accuracy (%)", feasible, infeasible, xTarget,
                targets.minAccuracy() == null ? null : 100 * targets.minAccuracy(), new String[] {xUnit, "%"});
    }

    private void finalModel(ReportPage page, FinalModel model, String data) throws IOException {
        page.heading("The final model");
        if (model == null || model.modelDir() == null || !Files.isDirectory(Path.of(model.modelDir()))) {
            page.paragraph(model == null || model.modelDir() == null ? "The run kept no final model."
                    : "The run's final model is not at " + model.modelDir() + " any more: no per-exit accuracy or "
                    + "anytime curve to show.");
            return;
        }
        List<ExitMetrics> exits = model.evaluation().evaluation().exits();
        page.paragraph("Trained again on all training images (" + model.evaluation().evaluation().trained()
                        + ") and saved in " + model.modelDir() + ".")
                .figure("exits", Charts.exits("The final model: accuracy per exit", exits),
                        "Validation and test accuracy of each exit of the final model");
        SavedModel.Inference inference;
        try (SavedModel saved = SavedModel.open(Path.of(model.modelDir()), null, device)) {
            inference = saved.infer(data, saved.savedPolicy(), LATENCY_IMAGES, true);
        }
        page.figure("anytime", Charts.anytime(inference.curve(), inference.test().lastExitMacs(),
                        inference.test().lastExitAccuracy()), String.format(Locale.ROOT, "Anytime inference of the "
                        + "final model on the test images: its calibrated policy gives %.2f%% at %.2f MMACs per "
                        + "image on average (last exit: %.2f%% at %.2f MMACs)", 100 * inference.test().accuracy(),
                inference.test().avgMacs() / 1e6, 100 * inference.test().lastExitAccuracy(),
                inference.test().lastExitMacs() / 1e6));
    }

    private static String describe(Targets t) {
        List<String> parts = new ArrayList<>();
        if (t.maxParams() != null) {
            parts.add(String.format(Locale.ROOT, "at most %,d parameters", t.maxParams()));
        }
        if (t.maxBytes() != null) {
            parts.add(String.format(Locale.ROOT, "at most %.1f KB of parameters", t.maxBytes() / 1024.0));
        }
        if (t.maxLatencyMs() != null) {
            parts.add(String.format(Locale.ROOT, "at most %s ms per image (%s)", Charts.number(t.maxLatencyMs()),
                    t.latencyMode().label()));
        }
        if (t.minAccuracy() != null) {
            parts.add(String.format(Locale.ROOT, "at least %.1f%% validation accuracy", 100 * t.minAccuracy()));
        }
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }

    private static String best(RunSummary run, Optional<FinalModel> model) {
        if (run.bestConfigId() == null) {
            return "No candidate met the targets.";
        }
        String text = String.format(Locale.ROOT, "Best: %s at %.2f%% validation accuracy", run.bestConfigId(),
                100 * run.bestAccuracy());
        if (model.isPresent() && model.get().evaluation().evaluation().ok()) {
            text += String.format(Locale.ROOT, "; trained again, %.2f%% on the test images",
                    100 * model.get().evaluation().evaluation().lastExit().testAccuracy());
        }
        return text + ".";
    }
}
