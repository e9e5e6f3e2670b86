package io.smartnas.results;

import io.smartnas.space.evaluation.Evaluation;
import io.smartnas.space.evaluation.Fidelity;
import io.smartnas.space.evaluation.Lineage;
import io.smartnas.space.evaluation.Targets;
import io.smartnas.space.latency.DeviceProfile;
import io.smartnas.space.latency.LatencyPrediction;

import java.util.List;
import java.util.Optional;

/**
 * Where every run and measurement is kept.
 *
 * <p>Contract, for every implementation:
 * <ul>
 *   <li>Thread-safe: any thread may call any method; each write is atomic (an evaluation is stored with all its exit
 *       metrics or not at all).</li>
 *   <li>Durable: once a write method returns, what it wrote survives the writer being killed.</li>
 *   <li>Values returned are immutable snapshots; later writes do not change them.</li>
 *   <li>Unknown ids give empty results, never exceptions; a write that refers to an unknown run or candidate throws
 *       {@link IllegalArgumentException}; a storage failure throws {@link StoreException}.</li>
 * </ul>
 * The queries users ask are written once here on top of {@link #measured(long, Targets)}.
 */
public interface ResultStore extends AutoCloseable {
    /** Starts a run; returns its id. */
    long createRun(NewRun run);

    /** Marks a run stopped, finished or failed (and when). */
    void finishRun(long runId, RunStatus status);

    /** Marks a run running again, when a search resumes it. */
    void resumeRun(long runId);

    /**
     * Replaces the settings stored with a run, when a resumed run's budget is raised.
     *
     * @throws IllegalArgumentException if there is no such run
     */
    void updateSettings(long runId, String settings);

    /** Stores a candidate once; storing the same config id again changes nothing. */
    void putCandidate(CandidateRecord candidate);

    /** Stores an evaluation of a stored candidate in a run, trained from scratch on the lowest rung; returns its id. */
    default long addEvaluation(long runId, Evaluation evaluation) {
        return addEvaluation(runId, evaluation, Lineage.SCRATCH);
    }

    /**
     * Stores an evaluation of a stored candidate in a run, with its rung, checkpoint and what it started from; returns
     * its id.
     */
    long addEvaluation(long runId, Evaluation evaluation, Lineage lineage);

    /** Forgets the checkpoint of an evaluation, once it has been deleted. */
    void dropCheckpoint(long evaluationId);

    /**
     * Records the run's final training (see {@link FinalModel}), which the queries over the run's candidates leave out.
     *
     * @param modelDir where the model was saved, or null when the evaluation did not end ok
     * @return the evaluation's id
     */
    long addFinalEvaluation(long runId, Evaluation evaluation, String modelDir);

    /**
     * Stores a generation of a run. A recorded generation is history: it is never replaced.
     *
     * @throws IllegalArgumentException if there is no such run
     * @throws IllegalStateException if the run already has a generation of this index
     */
    void putGeneration(GenerationRecord generation);

    /** Records an exported config file. */
    void addExport(ExportRecord export);

    /** Every run, newest first. */
    List<RunSummary> runs();

    Optional<RunSummary> run(long runId);

    /** A run's generations, in order. */
    List<GenerationRecord> history(long runId);

    /** A run's exports, in order. */
    List<ExportRecord> exports(long runId);

    /**
     * One measurement per candidate of a run (its first evaluation in the run that was not cut at a deadline, on the
     * highest rung it reached), in the order the candidates were first measured, judged against {@code targets}.
     */
    List<Measured> measured(long runId, Targets targets);

    /** The evaluations of a run's candidates in the order they were stored, for resuming it. */
    List<StoredEvaluation> evaluations(long runId);

    /** The run's latest final training, if it has one. */
    Optional<FinalModel> finalModel(long runId);

    /**
     * The latest evaluation of a config at a fidelity in any run that a search may reuse instead of training again:
     * one that ended {@code ok} or {@code diverged} (a failure may not repeat; a rejection depends on the targets),
     * trained from scratch on the lowest rung (a promotion or an inherited start trained more than its fidelity says).
     */
    Optional<StoredEvaluation> lookup(String configId, Fidelity fidelity, String deviceClass);

    Optional<CandidateRecord> candidate(String configId);
    /** Stores a device's latency profile; returns its id. Earlier profiles of the device are kept, but no longer used. */
    long addDeviceProfile(DeviceProfile profile);

    /** The newest latency profile of a device class, if it was ever calibrated. */
    Optional<StoredProfile> deviceProfile(String device);

    /** Stores a stored candidate's predicted latency under a stored profile; storing it again changes nothing. */
    void putPrediction(String configId, long profileId, LatencyPrediction prediction);

    /** Every stored prediction of a config, oldest profile first. */
    List<StoredPrediction> predictions(String configId);


    /** Every evaluation of a config, in any run, oldest first. */
    List<StoredEvaluation> evaluationsOf(String configId);

    @Override
    void close();

    /** The run's targets, overridden by those given now where they are set. */
    default Targets targets(long runId, Targets now) {
        return run(runId).map(RunSummary::targets).orElse(Targets.NONE).overriddenBy(now);
    }

    /** The {@code k} best candidates of a run, feasible first, under the run's targets overridden by {@code now}. */
    default List<Measured> best(long runId, Targets now, int k) {
        return Ranking.best(measured(runId, targets(runId, now)), k);
    }

    /** The Pareto front of a run (accuracy, latency, memory), feasible ones first. */
    default List<Measured> pareto(long runId, Targets now) {
        return Ranking.pareto(measured(runId, targets(runId, now)));
    }

    /** The {@code k} candidates of a run best by one figure, among those meeting the targets given now. */
    default List<Measured> top(long runId, Figure figure, int k, Targets now) {
        return Ranking.top(measured(runId, targets(runId, now)).stream()
                .filter(m -> now.isEmpty() || m.feasible()).toList(), figure, k);
    }
}
