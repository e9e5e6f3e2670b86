package io.smartnas.launcher;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smartnas.evaluator.Dataset;
import io.smartnas.evaluator.DeviceSpec;
import io.smartnas.evaluator.DjlEvaluator;
import io.smartnas.results.FinalModel;
import io.smartnas.results.H2ResultStore;
import io.smartnas.results.Measured;
import io.smartnas.results.RunStatus;
import io.smartnas.results.RunSummary;
import io.smartnas.search.Exporter;
import io.smartnas.search.Search;
import io.smartnas.search.SearchInterruptedException;
import io.smartnas.search.SearchResult;
import io.smartnas.search.SearchSettings;
import io.smartnas.space.InvalidInputException;
import io.smartnas.space.evaluation.Evaluation;
import io.smartnas.space.evaluation.InterruptedRunException;
import io.smartnas.space.run.RunDescription;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code smartnas search}: the main job. Finds SmartNets that meet the targets, recording every measurement in the
 * results database as it arrives, and exports the best one as a config file.
 */
@Command(name = "search", footer = {"  smartnas search --max-memory 200KB --max-latency-ms 3 --min-accuracy 85%%",
                "  smartnas search --resume 1"},
        sortOptions = false,
        description = "Searches SmartNet for networks that meet the targets (genetic by default), then trains the "
                + "best again and keeps it as a model. Without options it runs the quick preset on Fashion-MNIST, "
                + "which ends within 15 minutes on a 2-core CPU.")
final class SearchCommand extends Subcommand {
    @Option(names = "--preset", defaultValue = "quick", paramLabel = "quick|thorough|standard",
            description = "Starting settings (default ${DEFAULT-VALUE}). quick, for a CPU: population 8, 24 "
                    + "evaluations or 14 minutes, 1 epoch on 3,000 images, up to 3 exits and 3 layers a block; the "
                    + "second half trains the best on all images. thorough, for a CPU: population 12, 150 "
                    + "evaluations or 2 hours, rungs of 3,000, 12,000 and all images (the best third of each goes on), "
                    + "children inherit the first columns they share, up to 4 layers a block; the second hour trains "
                    + "the best for up to 30 epochs. standard, for a GPU: population 24, 240 "
                    + "evaluations or 8 generations without progress, 5 epochs on all images, up to 4 exits and 6 "
                    + "layers a block; the best then trains for 10 epochs.")
    private String preset;

    @Option(names = "--settings", paramLabel = "FILE",
            description = "A settings file (JSON, or YAML by extension) over the preset; options override it.")
    private Path settingsFile;

    @Option(names = "--resume", paramLabel = "RUN",
            description = "Continue a stopped or killed run with the settings it was started with.")
    private Long resume;

    @Mixin
    private RunOptions options;

    @Option(names = "--device", paramLabel = "auto|cpu|gpu|gpu:N", description = "Where candidates train.")
    private String device;

    @Mixin
    private DbOption db;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Where the best config is exported (default: smartnas-results/run-N).")
    private Path out;

    @Option(names = "--json", description = "End with one line of JSON describing the result.")
    private boolean json;

    @Mixin
    private ClusterOptions cluster;

    /**
     * What a resumed run may still be told: where it trains and where its answer goes, and a larger budget; not what
     * it searches.
     */
    private static final List<String> RESUMABLE_OPTIONS = List.of("--resume", "--device", "--db", "--out", "--json",
            "--evaluations", "--generations", "--time", "--cluster", "--bind", "--secret-file", "--no-local");

    @Override
    void run() {
        OutputDirectory.check("--out", out);
        if (resume != null) {
            refuseOptionsAResumeCannotHonour();
            try (H2ResultStore store = db.forSearch(false)) {
                RunSummary stored = RunArgument.require(store, resume, db.file());
                RunDescription described = RunDescription.stored(stored.settings());
                RunDescription raised = described.with(Json.OPTIONS.valueToTree(options));
                if (stored.status() == RunStatus.FINISHED && raised.equals(described)) {
                    throw new InvalidInputException("run " + resume + " finished: its budget is spent; raise it "
                            + "with --evaluations, --generations or --time (the run's total), or start a new search");
                }
                Prepared prepared = prepare(raised);
                if (!prepared.run().equals(described)) {
                    store.updateSettings(resume, prepared.run().json());
                }
                search(store, prepared);
                return;
            }
        }
        Prepared prepared = prepare(RunDescription.of(merged()));
        try (H2ResultStore store = db.forSearch(true)) {
            search(store, prepared);
        }
    }

    /**
     * A resumed run goes on with the settings it was stored with; an option that would change them is refused rather
     * than silently ignored.
     */
    private void refuseOptionsAResumeCannotHonour() {
        List<String> given = spec.commandLine().getParseResult().matchedOptions().stream()
                .map(option -> option.longestName()).filter(name -> !RESUMABLE_OPTIONS.contains(name)).toList();
        if (!given.isEmpty()) {
            throw new InvalidInputException("--resume continues run " + resume + " with the settings it was started "
                    + "with, so " + String.join(", ", given) + " cannot apply; only " + String.join(", ",
                    RESUMABLE_OPTIONS.subList(1, RESUMABLE_OPTIONS.size())) + " may be given with it");
        }
    }

    /** A run checked against its data and devices, before a database is opened or anything is trained. */
    private record Prepared(RunDescription run, Dataset data, DeviceSpec devices, SearchSettings search) {
    }

    private Prepared prepare(RunDescription described) {
        cluster.checkPort();
        DeviceSpec devices = DeviceSpec.parse(device != null ? device : described.device());
        Dataset data = Dataset.forSearch(described.data(), described.inputShape(), described.seed());
        data.check(described.dataChecksum());
        devices.check(described.deviceClass());
        RunDescription run = described.recording(data.checksum(), devices.deviceClass())
                .fittedTo(data.input().levels());
        if (!run.space().basesOrDefault().equals(described.space().basesOrDefault())) {
            spec.commandLine().getErr().println("note: space.bases " + described.space().basesOrDefault() + " became "
                    + run.space().basesOrDefault() + ": the data's " + data.input().height() + "x"
                    + data.input().width() + " images have resolution levels 0.." + data.input().levels());
        }
        SearchSettings search = SearchSettings.of(run, data.input(), data.classes());
        run.evaluation();
        Search.check(search);
        return new Prepared(run, data, devices, search);
    }

    private void search(H2ResultStore store, Prepared prepared) {
        RunDescription run = prepared.run();
        SearchSettings search = prepared.search();
        SearchResult result;
        // A latency target is screened by the device's profile, measured first if this device has none; a stored
        // profile also predicts every candidate's latency when there is no latency target.
        var profile = LatencyProfiles.of(store, prepared.devices(), search.targets().maxLatencyMs() != null);
        try (ProgressBars.Search progress = new ProgressBars.Search(search.budget());
             ClusterOptions.Opened opened = cluster.open(run.evaluation(), () -> DjlEvaluator.of(run.evaluation(),
                     prepared.data(), prepared.devices(), progress), progress)) {
            Search searching = new Search(store, opened.evaluator(), search, progress, this::runDir);
            if (profile.isPresent()) {
                searching = searching.predictingLatency(profile.get());
            }
            result = resume != null ? searching.resume(resume) : searching.start(run.name() != null ? run.name()
                    : run.preset() + " " + search.strategy().label(), run.json(), opened.provenance());
            opened.finished();
        } catch (SearchInterruptedException e) {
            throw new InterruptedRunException(e.getMessage() + "; continue it with: smartnas search --resume "
                    + e.runId() + " --db " + db.file());
        }
        Path best = result.best() == null ? null : Exporter.export(store, result.runId(), Exporter.Kind.BEST,
                runDir(result.runId())).get(0);
        report(result, best);
    }

    /** Where a run's answer goes: its best config and its final model. */
    private Path runDir(long runId) {
        return out != null ? out : db.file().toAbsolutePath().getParent().resolve("run-" + runId);
    }

    /** Preset, then the settings file, then the options given here. */
    private ObjectNode merged() {
        ObjectNode tree = RunDescription.preset(preset);
        if (settingsFile != null) {
            RunDescription.merge(tree, RunDescription.file(settingsFile));
        }
        return RunDescription.merge(tree, Json.OPTIONS.valueToTree(options));
    }

    private void report(SearchResult result, Path bestFile) {
        PrintWriter stdout = out();
        Measured best = result.best();
        stdout.printf(Locale.ROOT, "run %d: %d candidate(s) measured, %d feasible, Pareto front of %d; stopped by %s%n",
                result.runId(), result.evaluations(), result.feasible(), result.front().size(), result.stoppedBy());
        if (best != null) {
            stdout.printf(Locale.ROOT, "best: %s, validation accuracy %.4f, %.3f ms, %,d parameters (%,d bytes)%n",
                    best.configId(), best.accuracy(), best.latencyMs(), best.params(), best.bytes());
            stdout.println("exported to " + bestFile);
        } else if (result.closest() != null) {
            stdout.println("nothing met the targets; the closest, " + result.closest().configId() + ", misses: "
                    + String.join("; ", result.misses()));
        }
        FinalModel kept = result.finalModel();
        if (kept != null) {
            Evaluation e = kept.evaluation().evaluation();
            stdout.println(e.ok() ? String.format(Locale.ROOT, "model: %s, trained %s: test accuracy %.4f "
                    + "(validation %.4f); smartnas infer %s", e.configId(), e.fidelity(), e.lastExit().testAccuracy(),
                    e.lastExit().validationAccuracy(), kept.modelDir()) : "the final training of " + e.configId()
                    + " ended " + e.status().label() + ": " + e.error());
        }
        stdout.println("results in " + db.file() + "; smartnas query " + result.runId() + " --pareto --db "
                + db.file() + " lists the front");
        if (json) {
            stdout.println(Json.line(SearchJson.of(result, bestFile)));
        }
    }
}
