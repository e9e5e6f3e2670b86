package io.smartnas.app;

import io.smartnas.evaluator.Classified;
import io.smartnas.evaluator.DeviceSpec;
import io.smartnas.evaluator.SavedModel;
import io.smartnas.results.CandidateRecord;
import io.smartnas.results.FinalModel;
import io.smartnas.results.Measured;
import io.smartnas.results.ResultStore;
import io.smartnas.results.RunSummary;
import io.smartnas.results.StoredEvaluation;
import io.smartnas.search.Comparison;
import io.smartnas.space.SmartNetConfig;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * A run as one HTML page with plots ({@link ReportPage}): what ran where (data, device, load, targets, budget), the
 * candidates against latency and against size with the targets and the front labelled, every candidate and the best
 * so far against evaluations and time, accuracy against each gene, the best network's grid, the final model's
 * accuracy per exit and its anytime curve (as its training stored it), the Pareto front and every evaluation.
 */
public final class RunReport {
    /** What was written: the page, and the plots beside it. */
    public record Written(Path page, List<String> files) {
    }

    /**
     * What the page shows of a run, read from the results at once, so that the database is not held while the page
     * is drawn: the run, its candidates as queries see them, its front, its history, every evaluation, the config of
     * each candidate, and its final model.
     */
    public record Stored(RunSummary summary, List<Measured> measured, List<Measured> front, Comparison.Curve curve,
                         List<StoredEvaluation> evaluations, Map<String, SmartNetConfig> configs,
                         Optional<FinalModel> model) {
        /** Reads the run {@code summary} of {@code store}. */
        public static Stored read(ResultStore store, RunSummary summary) {
            long run = summary.id();
            List<Measured> measured = store.measured(run, summary.targets());
            Map<String, SmartNetConfig> configs = new LinkedHashMap<>();
            for (Measured m : measured) {
                store.candidate(m.configId()).map(CandidateRecord::network).ifPresent(c -> configs.put(m.configId(),
                        c));
            }
            return new Stored(summary, measured, store.pareto(run, Targets.NONE),
                    Comparison.of(store, List.of(run)).curves().get(0), store.evaluations(run), configs,
                    store.finalModel(run));
        }
    }

    /** The characters of an id a figure labels a candidate with. */
    private static final int SHORT_ID = 8;

    private final DeviceSpec device;
    private final Classified progress;

    /**
     * @param device   where the final model runs for its anytime curve, when its training did not store it
     * @param progress told how that run, which classifies every test image, goes
     */
    public RunReport(DeviceSpec device, Classified progress) {
        this.device = device;
        this.progress = progress;
    }

    /** Writes the page of {@code stored} into {@code out}. */
    public Written write(Stored stored, Path out) throws IOException {
        RunSummary summary = stored.summary();
        RunDescription description = RunDescription.stored(summary.settings());
        Optional<FinalModel> model = stored.model();
        ReportPage page = new ReportPage(out).title("SmartNAS run " + summary.id() + ": " + summary.name())
                .facts(RunFacts.of(summary, description, stored.evaluations(), model));
        List<Measured> ok = stored.measured().stream().filter(m -> m.status() == EvaluationStatus.OK).toList();
        if (ok.isEmpty()) {
            page.paragraph("No candidate of this run was measured yet: nothing to plot.");
        } else {
            candidates(page, ok, stored.front(), summary.targets());
            history(page, stored.curve(), stored.measured());
            genes(page, ok, stored.configs());
        }
        bestNetwork(page, summary, model, stored.configs());
        finalModel(page, model.orElse(null), description.data());
        page.heading("Pareto front").paragraph("Validation accuracy up, latency and memory down; the feasible "
                + "candidates first. Measured at the search's fidelity, not the final model's.").front(stored.front());
        page.heading("Every evaluation").paragraph("In the order they were stored; a candidate promoted to a higher "
                + "rung appears once per rung. Accuracy and latency are the last exit's.")
                .evaluations(stored.evaluations(), summary.created());
        return new Written(page.write(), page.files());
    }

    private static void candidates(ReportPage page, List<Measured> ok, List<Measured> front, Targets targets)
            throws IOException {
        boolean anytime = targets.latencyMode() == LatencyMode.ANYTIME;
        String latency = anytime ? "expected latency of anytime inference (ms per image)"
                : "latency at the last exit (ms per image, batch 1)";
        boolean byParams = targets.maxParams() != null && targets.maxBytes() == null;
        List<String> labelled = front.stream().filter(Measured::feasible).map(Measured::configId).toList();
        page.heading("Candidates")
                .figure("front-latency", front(ok, labelled, Measured::objectiveLatencyMs, "Candidates: accuracy "
                        + "against latency", latency, targets.maxLatencyMs(), "ms", targets), "Every measured "
                        + "candidate: validation accuracy at the last exit against " + latency + "; the front's "
                        + "candidates labelled with the first " + SHORT_ID + " characters of their ids (where labels "
                        + "would overlap, the lower is left out; the Pareto front's table lists them all)")
                .figure("front-size", byParams
                        ? front(ok, labelled, m -> m.params() / 1000.0, "Candidates: accuracy against size",
                        "parameters (thousands)", targets.maxParams() / 1000.0, "thousand", targets)
                        : front(ok, labelled, m -> m.bytes() / 1024.0, "Candidates: accuracy against size",
                        "parameter memory (KB)", targets.maxBytes() == null ? null : targets.maxBytes() / 1024.0,
                        "KB", targets), "Every measured candidate: validation accuracy against its size");
    }

    private static XYChart front(List<Measured> ok, List<String> labelled, ToDoubleFunction<Measured> x, String title,
                                 String xTitle, Double xTarget, String xUnit, Targets targets) {
        List<Charts.Point> feasible = new ArrayList<>();
        List<Charts.Point> infeasible = new ArrayList<>();
        for (Measured m : ok) {
            String label = labelled.contains(m.configId()) ? m.configId().substring(0, SHORT_ID) : null;
            (m.feasible() ? feasible : infeasible).add(new Charts.Point(x.applyAsDouble(m), 100 * m.accuracy(),
                    label));
        }
        return Charts.front(title, xTitle, "validation accuracy (%)", feasible, infeasible, xTarget,
                targets.minAccuracy() == null ? null : 100 * targets.minAccuracy(), new String[] {xUnit, "%"});
    }

    private static void history(ReportPage page, Comparison.Curve curve, List<Measured> measured)
            throws IOException {
        page.heading("Progress");
        if (Arrays.stream(curve.bestSoFar()).allMatch(Double::isNaN)) {
            page.paragraph("No candidate met the targets: there is no best feasible accuracy to follow.");
        }
        for (boolean byTime : new boolean[] {false, true}) {
            List<Charts.Point> feasible = new ArrayList<>();
            List<Charts.Point> infeasible = new ArrayList<>();
            for (int i = 0; i < measured.size(); i++) {
                Measured m = measured.get(i);
                if (m.status() == EvaluationStatus.OK) {
                    (m.feasible() ? feasible : infeasible).add(new Charts.Point(byTime ? curve.minutes()[i] : i + 1,
                            100 * m.accuracy()));
                }
            }
            page.figure(byTime ? "best-by-time" : "best-by-evaluations", Charts.history(curve, feasible, infeasible,
                    byTime), "Every candidate's validation accuracy (at the rung it reached) and the best feasible so "
                    + "far, against " + (byTime ? "the minutes since the run started" : "the evaluations"));
        }
    }

    private static void genes(ReportPage page, List<Measured> ok, Map<String, SmartNetConfig> configs)
            throws IOException {
        page.heading("What mattered").paragraph("Validation accuracy of every measured candidate against each gene of "
                + "its network (at the rung it reached, so candidates promoted further train longer; read the "
                + "trend, not single points).");
        page.row();
        for (Gene gene : Gene.values()) {
            List<Charts.Point> points = new ArrayList<>();
            for (Measured m : ok) {
                SmartNetConfig config = configs.get(m.configId());
                if (config != null) {
                    points.add(new Charts.Point(gene.of(config), 100 * m.accuracy()));
                }
            }
            page.smallFigure("gene-" + gene.name().toLowerCase(Locale.ROOT).replace('_', '-'),
                    Charts.gene(gene.label, points));
        }
        page.endRow();
    }

    private static void bestNetwork(ReportPage page, RunSummary summary, Optional<FinalModel> model,
                                    Map<String, SmartNetConfig> configs) {
        String id = model.map(f -> f.evaluation().evaluation().configId()).orElse(summary.bestConfigId());
        SmartNetConfig config = id == null ? null : configs.get(id);
        if (config == null) {
            return;
        }
        page.heading("The best network").paragraph("Network " + id + " as its config states it: a box per cell (its "
                + "Smart Block's depth, its row's growth, its resolution), the structural inputs in grey, the Smart "
                + "Connections in orange, an exit below each diagonal cell. Hover for details.")
                .svg(GridDrawing.of(config));
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
        if (exits.size() == 1) {
            page.paragraph("It has one exit, which answers every image: no anytime curve to draw.");
            return;
        }
        Path dir = Path.of(model.modelDir());
        SavedModel.Anytime anytime = SavedModel.storedAnytime(dir).orElseGet(() -> measured(dir, data));
        var test = anytime.test();
        page.figure("anytime", Charts.anytime(anytime.curve(), test.lastExitMacs(), test.lastExitAccuracy(),
                new Charts.Point(test.avgMacs() / 1e6, 100 * test.accuracy())), String.format(Locale.ROOT,
                "Anytime inference of the final model on the %,d test images: its saved policy (%s) gives %.2f%% at "
                        + "%.2f MMACs per image on average (last exit: %.2f%% at %.2f MMACs)", test.images(),
                "thresholds " + anytime.policy(), 100 * test.accuracy(), test.avgMacs() / 1e6,
                100 * test.lastExitAccuracy(), test.lastExitMacs() / 1e6));
    }

    /** The anytime curve of a model that stored none: every test image classified now. */
    private SavedModel.Anytime measured(Path dir, String data) {
        try (SavedModel saved = SavedModel.open(dir, null, device)) {
            return saved.anytime(data, progress);
        }
    }

    /** The genes the page plots accuracy against, each read from a network's config. */
    private enum Gene {
        EXITS("exits (T)"), BASE("base (level of row 0)"), LAYERS("layers in all blocks"),
        GROWTH("mean growth of the rows"), STEM("stem width"), SMART_CONNECTIONS("Smart Connections");

        private final String label;

        Gene(String label) {
            this.label = label;
        }

        double of(SmartNetConfig c) {
            var cells = c.cells().stream().filter(cell -> cell.col() < c.size() && !cell.pruned()).toList();
            return switch (this) {
                case EXITS -> c.size();
                case BASE -> c.base();
                case LAYERS -> cells.stream().mapToInt(cell -> cell.depth()).sum();
                case GROWTH -> c.growth().subList(0, c.size()).stream().mapToInt(Integer::intValue).average()
                        .orElse(0);
                case STEM -> c.stem();
                case SMART_CONNECTIONS -> cells.stream().mapToInt(cell -> cell.from().size()).sum();
            };
        }
    }
}
