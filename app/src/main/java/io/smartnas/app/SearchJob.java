package io.smartnas.app;

import io.smartnas.cluster.ClusterProgress;
import io.smartnas.cluster.Coordinator;
import io.smartnas.cluster.Secret;
import io.smartnas.evaluator.CandidateProgress;
import io.smartnas.evaluator.Dataset;
import io.smartnas.evaluator.DeviceSpec;
import io.smartnas.evaluator.DjlEvaluator;
import io.smartnas.results.ResultStore;
import io.smartnas.results.StoredProfile;
import io.smartnas.search.Exporter;
import io.smartnas.search.Search;
import io.smartnas.search.SearchProgress;
import io.smartnas.search.SearchResult;
import io.smartnas.search.SearchSettings;
import io.smartnas.space.evaluation.Evaluator;
import io.smartnas.space.run.RunDescription;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;
import java.util.function.Supplier;

/**
 * A search as a use case, the same from the command line and from code: {@linkplain #plan planned} once (the run
 * description checked against its data and devices, before a database is opened or anything trained), then
 * {@linkplain #start started} or {@linkplain #resume resumed} on a results store, its best exported beside its model.
 */
public final class SearchJob {
    /**
     * A cluster the search opens so that workers evaluate its candidates too.
     *
     * @param port       the port it listens on
     * @param bind       the interface (loopback unless the user says otherwise)
     * @param secretFile the key's file, or null for the user's own on loopback
     * @param noLocal    whether this machine only coordinates
     */
    public record Cluster(int port, String bind, Path secretFile, boolean noLocal) {
    }

    /** What a search shows as it runs (its generations, its candidates in training, its cluster), closed at its end. */
    public interface Progress extends SearchProgress, CandidateProgress, ClusterProgress, AutoCloseable {
        @Override
        void close();
    }

    /**
     * A run checked against its data and devices.
     *
     * @param notes what planning changed and the user should know (bases the images cannot have), one line each
     */
    public record Plan(RunDescription run, Dataset data, DeviceSpec devices, SearchSettings search,
                       List<String> notes) {
    }

    /** The search's answer, and the config file its best was exported to (null when nothing was feasible). */
    public record Outcome(SearchResult result, Path bestFile) {
    }

    private final Plan plan;
    private final Cluster cluster;
    private final String build;
    private final LongFunction<Path> runDir;
    private final StepProgress.Factory calibration;

    /**
     * @param cluster     the cluster to open, or null for this machine's devices alone
     * @param build       this build's {@link BuildFingerprint}, which workers must share
     * @param runDir      where a run's best config and final model go
     * @param calibration shows a device calibration, when a latency target needs one first
     */
    public SearchJob(Plan plan, Cluster cluster, String build, LongFunction<Path> runDir,
                     StepProgress.Factory calibration) {
        this.plan = plan;
        this.cluster = cluster;
        this.build = build;
        this.runDir = runDir;
        this.calibration = calibration;
    }

    /**
     * Checks {@code described} against its data and devices: the data set is read and its checksum recorded (a
     * resumed run's must match), the device's kind likewise, bases the images cannot have are dropped.
     *
     * @param device the device to measure on, or null for the run's own
     * @throws io.smartnas.space.InvalidInputException naming what does not fit
     */
    public static Plan plan(RunDescription described, String device) {
        DeviceSpec devices = DeviceSpec.parse(device != null ? device : described.device());
        Dataset data = Dataset.forSearch(described.data(), described.inputShape(), described.seed());
        data.check(described.dataChecksum());
        devices.check(described.deviceClass());
        RunDescription recorded = described.recording(data.checksum(), devices.deviceClass())
                .fittedTo(data.input().levels());
        RunDescription run = recorded.supernet() == null ? recorded : SupernetJob.searching(recorded, data);
        List<String> notes = run.space().basesOrDefault().equals(described.space().basesOrDefault()) ? List.of()
                : List.of("space.bases " + described.space().basesOrDefault() + " became "
                + run.space().basesOrDefault() + ": the data's " + data.input().height() + "x" + data.input().width()
                + " images have resolution levels 0.." + data.input().levels());
        SearchSettings search = SearchSettings.of(run, data.input(), data.classes());
        Search.check(search);
        return new Plan(run, data, devices, search, notes);
    }

    /**
     * Starts the planned run in {@code store} under {@code name} and runs it to its end, showing it on the progress
     * {@code shown} makes once a device calibration the run needs first is done.
     *
     * @throws io.smartnas.search.SearchInterruptedException if the user stopped it: it is resumable
     */
    public Outcome start(ResultStore store, String name, Supplier<? extends Progress> shown) {
        return run(store, null, name, shown);
    }

    /**
     * Goes on with run {@code runId} of {@code store}, stored with the plan's description.
     *
     * @throws io.smartnas.search.SearchInterruptedException if the user stopped it again
     */
    public Outcome resume(ResultStore store, long runId, Supplier<? extends Progress> shown) {
        return run(store, runId, null, shown);
    }

    private Outcome run(ResultStore store, Long resume, String name, Supplier<? extends Progress> shown) {
        RunDescription run = plan.run();
        // A latency target is screened by the device's profile, measured first if this device has none; a stored
        // profile also predicts every candidate's latency when there is no latency target.
        Optional<StoredProfile> profile = LatencyProfiles.of(store, plan.devices(),
                plan.search().targets().maxLatencyMs() != null, calibration);
        SearchResult result;
        try (Progress progress = shown.get()) {
            DjlEvaluator local = cluster != null && cluster.noLocal() ? null : DjlEvaluator.of(run.evaluation(),
                    plan.data(), plan.devices(), progress);
            try (Coordinator coordinator = cluster == null ? null : Coordinator.open(Secret.forCluster(
                    cluster.secretFile(), cluster.bind()), cluster.bind(), cluster.port(), run.evaluation(), build,
                    local, progress)) {
                Evaluator evaluator = coordinator != null ? coordinator.evaluator() : local;
                Search searching = new Search(store, evaluator, plan.search(), progress, runDir);
                if (profile.isPresent()) {
                    searching = searching.predictingLatency(profile.get());
                }
                result = resume != null ? searching.resume(resume) : searching.start(name, run.json(),
                        local != null ? local.provenance() : "{}");
                if (coordinator != null) {
                    coordinator.finished();
                }
            }
        }
        Path best = result.best() == null ? null : Exporter.export(store, result.runId(), Exporter.Kind.BEST,
                runDir.apply(result.runId())).get(0);
        return new Outcome(result, best);
    }
}
