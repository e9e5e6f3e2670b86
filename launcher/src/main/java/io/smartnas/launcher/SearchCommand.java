package io.smartnas.launcher;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smartnas.app.SearchJob;
import io.smartnas.app.SupernetJob;
import io.smartnas.results.FinalModel;
import io.smartnas.results.H2ResultStore;
import io.smartnas.results.Measured;
import io.smartnas.results.RunStatus;
import io.smartnas.results.RunSummary;
import io.smartnas.search.SearchInterruptedException;
import io.smartnas.search.SearchResult;
import io.smartnas.space.InvalidInputException;
import io.smartnas.space.evaluation.Evaluation;
import io.smartnas.space.evaluation.InterruptedRunException;
import io.smartnas.space.run.Durations;
import io.smartnas.space.run.RunDescription;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

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

    @Option(names = "--supernet", paramLabel = "DIR", description = "Cut every candidate out of this supernet "
            + "(smartnas supernet train) and measure it with its weights, batch norms recalibrated: seconds a "
            + "candidate. Takes the supernet's space, data and seed, and " + SupernetJob.DEFAULT_SEARCH_TIME
            + " unless told; the answer is kept as it was cut, or fine-tuned with --fine-tune.")
    private Path supernet;

    @Option(names = "--fine-tune", paramLabel = "DURATION", description = "With --supernet: train the answer this "
            + "long more (its measuring included), after the search's --time.")
    private String fineTune;

    /** What a search of a supernet decides itself, so may not be given with --supernet. */
    private static final List<String> NOT_WITH_SUPERNET = List.of("--epochs", "--subset", "--seconds",
            "--final-epochs", "--final-subset", "--final-time", "--cluster", "--no-local");

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
                SearchJob.Plan plan = plan(raised);
                if (!plan.run().equals(described)) {
                    store.updateSettings(resume, plan.run().json());
                }
                report(interruptible(() -> job(plan).resume(store, resume, progress(plan))));
                return;
            }
        }
        SearchJob.Plan plan = plan(RunDescription.of(merged()));
        try (H2ResultStore store = db.forSearch(true)) {
            RunDescription run = plan.run();
            report(interruptible(() -> job(plan).start(store, run.name() != null ? run.name() : run.preset() + " "
                    + plan.search().strategy().label(), progress(plan))));
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

    /** The run checked against its data and devices, before a database is opened or anything is trained. */
    private SearchJob.Plan plan(RunDescription described) {
        cluster.checkPort();
        SearchJob.Plan plan = SearchJob.plan(described, device);
        if (fineTune != null) {
            spec.commandLine().getErr().println("note: the run's time is " + described.time() + ": the search's, then "
                    + fineTune + " to fine-tune its answer");
        }
        plan.notes().forEach(note -> spec.commandLine().getErr().println("note: " + note));
        return plan;
    }

    private SearchJob job(SearchJob.Plan plan) {
        return new SearchJob(plan, cluster.cluster(), Version.build(), this::runDir, ProgressBars::steps);
    }

    private static Supplier<ProgressBars.Search> progress(SearchJob.Plan plan) {
        return () -> new ProgressBars.Search(plan.search().budget());
    }

    /** The search's outcome; a stop by the user ends the command with the line that continues the run. */
    private SearchJob.Outcome interruptible(Supplier<SearchJob.Outcome> search) {
        try {
            return search.get();
        } catch (SearchInterruptedException e) {
            throw new InterruptedRunException(e.getMessage() + "; continue it with: smartnas search --resume "
                    + e.runId() + " --db " + db.file());
        }
    }

    /** Where a run's answer goes: its best config and its final model. */
    private Path runDir(long runId) {
        return out != null ? out : db.file().toAbsolutePath().getParent().resolve("run-" + runId);
    }

    /**
     * Preset, then the settings file, then (with {@code --supernet}) what the supernet decides, then the options given
     * here.
     */
    private ObjectNode merged() {
        ObjectNode tree = RunDescription.preset(preset);
        if (settingsFile != null) {
            RunDescription.merge(tree, RunDescription.file(settingsFile));
        }
        if (supernet == null) {
            if (fineTune != null) {
                throw new InvalidInputException("--fine-tune fine-tunes the answer of a search with --supernet");
            }
            return RunDescription.merge(tree, Json.OPTIONS.valueToTree(options));
        }
        List<String> given = spec.commandLine().getParseResult().matchedOptions().stream()
                .map(option -> option.longestName()).filter(NOT_WITH_SUPERNET::contains).toList();
        if (!given.isEmpty()) {
            throw new InvalidInputException("--supernet measures every candidate as cut from the supernet and runs on "
                    + "this machine, so " + String.join(", ", given) + " cannot apply (--fine-tune trains the answer)");
        }
        RunDescription.merge(tree, SupernetJob.searchDefaults(supernet));
        RunDescription.merge(tree, Json.OPTIONS.valueToTree(options));
        tree.put("supernet", supernet.toAbsolutePath().normalize().toString());
        if (fineTune != null) {
            Duration tuning = Durations.parse(fineTune);
            if (tuning.isNegative() || tuning.isZero()) {
                throw new InvalidInputException("--fine-tune must be positive, got " + fineTune);
            }
            Duration search = Durations.parse(tree.get("time").asText());
            tree.put("time", Durations.text(search.plus(tuning)));
            tree.putObject("final_training").put("epochs", 0).put("subset", 0).put("time", Durations.text(tuning));
        }
        return tree;
    }

    private void report(SearchJob.Outcome outcome) {
        SearchResult result = outcome.result();
        Path bestFile = outcome.bestFile();
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
            stdout.println(e.ok() ? String.format(Locale.ROOT, "model: %s, %s (%s): test accuracy %.4f "
                    + "(validation %.4f); smartnas infer %s", e.configId(), e.fidelity().inherits() && e.fidelity()
                    .epochs() == 0 ? "kept" : "trained again", e.trained(), e.lastExit().testAccuracy(),
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
