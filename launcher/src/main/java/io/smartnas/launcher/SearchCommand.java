package io.smartnas.launcher;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smartnas.evaluator.CandidateTrainer;
import io.smartnas.evaluator.DjlEvaluator;
import io.smartnas.evaluator.Devices;
import io.smartnas.evaluator.EvaluationSetup;
import io.smartnas.evaluator.RuntimeProvenance;
import io.smartnas.evaluator.data.DataSource;
import io.smartnas.evaluator.data.ImageSet;
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
import io.smartnas.space.evaluation.InterruptedRunException;
import io.smartnas.space.evaluation.Targets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code smartnas search}: the main job. Finds SmartNets that meet the targets, recording every measurement in the
 * results database as it arrives, and exports the best one as a config file.
 */
@Command(name = "search", mixinStandardHelpOptions = true,
        footerHeading = "%nExample:%n",
        footer = {"  smartnas search --max-memory 200KB --max-latency-ms 3 --min-accuracy 85%%",
                "  smartnas search --resume 1"},
        sortOptions = false,
        description = "Searches SmartNet for networks that meet the targets (genetic by default). Without options "
                + "it runs the quick preset on Fashion-MNIST, which ends within 15 minutes on a 2-core CPU.")
final class SearchCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--preset", defaultValue = "quick", paramLabel = "quick|standard",
            description = "Starting settings (default ${DEFAULT-VALUE}). quick, for a CPU: population 8, 24 "
                    + "evaluations or 8 minutes, 1 epoch on 3,000 images, up to 3 exits and 3 layers a block. "
                    + "standard, for a GPU: population 24, 240 evaluations or 8 generations without progress, 5 "
                    + "epochs on all images, up to 4 exits and 6 layers a block.")
    private String preset;

    @Option(names = "--settings", paramLabel = "FILE",
            description = "A settings file (JSON, or YAML by extension) over the preset; options override it.")
    private Path settingsFile;

    @Option(names = "--resume", paramLabel = "RUN",
            description = "Continue a stopped or killed run with the settings it was started with.")
    private Long resume;

    @Option(names = "--name", description = "A name for the run.")
    private String name;

    @Option(names = "--strategy", paramLabel = "genetic|random", description = "How candidates are proposed.")
    private String strategy;

    @Option(names = "--objective", paramLabel = "multi|accuracy",
            description = "Accuracy, latency and memory at once (a Pareto front), or accuracy alone.")
    private String objective;

    @Option(names = "--population", description = "Candidates per generation.")
    private Integer population;

    @Option(names = "--evaluations", paramLabel = "N", description = "Most candidates measured.")
    private Integer evaluations;

    @Option(names = "--generations", paramLabel = "G", description = "Most generations.")
    private Integer generations;

    @Option(names = "--time", paramLabel = "DURATION", description = "Most wall-clock time: 90s, 15m, 2h.")
    private String time;

    @Option(names = "--steady", paramLabel = "G",
            description = "Stop when the best candidate has not improved for G generations.")
    private Integer steady;

    @Option(names = "--max-size", paramLabel = "T", description = "Most exits of a candidate.")
    private Integer maxSize;

    @Option(names = "--max-depth", paramLabel = "D", description = "Most layers of a Smart Block.")
    private Integer maxDepth;

    @Option(names = "--epochs", description = "Training epochs per candidate (the fidelity).")
    private Integer epochs;

    @Option(names = "--subset", description = "Training images per candidate; 0 for all (the fidelity).")
    private Integer subset;

    @Option(names = "--data", paramLabel = "fashion-mnist|synthetic|DIR", description = "The images.")
    private String data;

    @Option(names = "--seed", description = "One seed for the whole run.")
    private Long seed;

    @Option(names = "--device", paramLabel = "auto|cpu|gpu|gpu:N", description = "Where candidates train.")
    private String device;

    @Mixin
    private TargetOptions targets;

    @Mixin
    private DbOption db;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Where the best config is exported (default: smartnas-results/run-N).")
    private Path out;

    @Option(names = "--json", description = "End with one line of JSON describing the result.")
    private boolean json;

    /**
     * What a resumed run may still be told: where it trains and where its answer goes, and a larger budget; not what
     * it searches.
     */
    private static final List<String> RESUMABLE_OPTIONS = List.of("--resume", "--device", "--db", "--out", "--json",
            "--evaluations", "--generations", "--time");

    @Override
    public Integer call() {
        OutputDirectory.check("--out", out);
        if (resume != null) {
            refuseOptionsAResumeCannotHonour();
            try (H2ResultStore store = db.forSearch(false)) {
                RunSummary run = RunArgument.require(store, resume, db.file());
                ObjectNode budget = RunSettings.tree();
                putIfSet(budget, "evaluations", evaluations);
                putIfSet(budget, "generations", generations);
                putIfSet(budget, "time", time);
                if (run.status() == RunStatus.FINISHED && budget.isEmpty()) {
                    throw new InvalidInputException("run " + resume + " finished: its budget is spent; raise it "
                            + "with --evaluations, --generations or --time (the run's total), or start a new search");
                }
                RunSettings settings = RunSettings.of(RunSettings.merge(RunSettings.stored(run.settings()), budget));
                Prepared prepared = prepare(settings);
                if (!budget.isEmpty()) {
                    store.updateSettings(resume, settings.json());
                }
                return search(store, prepared);
            }
        }
        Prepared prepared = prepare(RunSettings.of(merged()));
        try (H2ResultStore store = db.forSearch(true)) {
            return search(store, prepared);
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

    /** Settings checked against the data, before a database is opened or anything is trained. */
    private record Prepared(RunSettings settings, DataSource data, SearchSettings search) {
    }

    private Prepared prepare(RunSettings settings) {
        DataSource source = DataOptions.load(settings.data(), DataOptions.FASHION_MNIST_SHAPE, 10, settings.seed());
        ImageSet images = source.train();
        SearchSettings search = settings.search(images.shape(), images.classes());
        Search.check(search);
        return new Prepared(settings, source, search);
    }

    private int search(H2ResultStore store, Prepared prepared) {
        RunSettings settings = prepared.settings();
        SearchSettings search = prepared.search();
        var devices = Devices.of(device != null ? device : settings.device());
        CandidateTrainer trainer = new CandidateTrainer(new EvaluationSetup(prepared.data(),
                settings.trainingSettings(), settings.timingSettings(), false));
        SearchResult result;
        try (ProgressBars.Search progress = new ProgressBars.Search(search.budget())) {
            Search run = new Search(store, new DjlEvaluator(trainer, devices, progress), search, progress);
            result = resume != null ? run.resume(resume)
                    : run.start(settings.name() != null ? settings.name() : settings.preset() + " "
                    + search.strategy().label(), settings.json(), RuntimeProvenance.json(devices));
        } catch (SearchInterruptedException e) {
            throw new InterruptedRunException(e.getMessage() + "; continue it with: smartnas search --resume "
                    + e.runId() + " --db " + db.file());
        }
        Path dir = out != null ? out : db.file().toAbsolutePath().getParent().resolve("run-" + result.runId());
        Path best = result.best() == null ? null : Exporter.export(store, result.runId(), Exporter.Kind.BEST, dir)
                .get(0);
        report(result, best);
        return ExitCodes.OK;
    }

    /** Preset, then the settings file, then the options given here. */
    private ObjectNode merged() {
        ObjectNode tree = RunSettings.preset(preset);
        if (settingsFile != null) {
            RunSettings.merge(tree, RunSettings.file(settingsFile));
        }
        ObjectNode options = RunSettings.tree();
        putIfSet(options, "name", name);
        putIfSet(options, "strategy", strategy);
        putIfSet(options, "objective", objective);
        putIfSet(options, "population", population);
        putIfSet(options, "evaluations", evaluations);
        putIfSet(options, "generations", generations);
        putIfSet(options, "time", time);
        putIfSet(options, "steady", steady);
        putIfSet(options, "data", data);
        putIfSet(options, "seed", seed);
        putIfSet(options, "device", device);
        ObjectNode space = options.putObject("space");
        putIfSet(space, "max_size", maxSize);
        putIfSet(space, "max_depth", maxDepth);
        ObjectNode fidelity = options.putObject("fidelity");
        putIfSet(fidelity, "epochs", epochs);
        putIfSet(fidelity, "subset", subset);
        ObjectNode given = options.putObject("targets");
        putIfSet(given, "max_params", targets.maxParams);
        putIfSet(given, "max_memory", targets.maxMemory);
        putIfSet(given, "max_latency_ms", targets.maxLatencyMs);
        putIfSet(given, "min_accuracy", targets.minAccuracy);
        putIfSet(given, "latency_mode", targets.latencyMode);
        return RunSettings.merge(tree, options);
    }

    private static void putIfSet(ObjectNode node, String field, Object value) {
        if (value != null) {
            node.set(field, Json.MAPPER.valueToTree(value));
        }
    }

    private void report(SearchResult result, Path bestFile) {
        PrintWriter stdout = spec.commandLine().getOut();
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
        stdout.println("results in " + db.file() + "; smartnas query " + result.runId() + " --pareto --db "
                + db.file() + " lists the front");
        if (json) {
            stdout.println(Json.line(SearchJson.of(result, bestFile)));
        }
        stdout.flush();
    }
}
