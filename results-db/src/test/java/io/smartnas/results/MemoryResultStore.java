package io.smartnas.results;

import io.smartnas.space.evaluation.Evaluation;
import io.smartnas.space.evaluation.EvaluationStatus;
import io.smartnas.space.evaluation.Fidelity;
import io.smartnas.space.evaluation.Lineage;
import io.smartnas.space.evaluation.Targets;

import io.smartnas.space.latency.DeviceProfile;
import io.smartnas.space.latency.LatencyPrediction;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A {@link ResultStore} in memory, for tests: the same contract as the H2 store, except that "durable" means as long
 * as the object lives. Every method is synchronized.
 */
public final class MemoryResultStore implements ResultStore {
    private final Map<Long, RunSummary> runs = new LinkedHashMap<>();
    private final Map<String, CandidateRecord> candidates = new HashMap<>();
    private final List<StoredEvaluation> evaluations = new ArrayList<>();
    /** The final trainings among {@link #evaluations}: evaluation id to model directory (null when none was saved). */
    private final Map<Long, String> finals = new HashMap<>();
    private final Map<Long, TreeMap<Integer, GenerationRecord>> generations = new HashMap<>();
    private final List<ExportRecord> exports = new ArrayList<>();
    private final List<StoredProfile> profiles = new ArrayList<>();
    /** Predictions by config id, then profile id. */
    private final Map<String, TreeMap<Long, LatencyPrediction>> predictions = new HashMap<>();

    @Override
    public synchronized long createRun(NewRun run) {
        long id = runs.size() + 1L;
        runs.put(id, new RunSummary(id, run.name(), run.strategy(), RunStatus.RUNNING, Instant.now(), null,
                run.targets(), run.settings(), run.provenance(), 0, 0, null, Double.NaN));
        return id;
    }

    @Override
    public synchronized void finishRun(long runId, RunStatus status) {
        RunSummary r = requireRun(runId);
        runs.put(runId, new RunSummary(r.id(), r.name(), r.strategy(), status, r.created(), Instant.now(),
                r.targets(), r.settings(), r.provenance(), 0, 0, null, Double.NaN));
    }

    @Override
    public synchronized void resumeRun(long runId) {
        RunSummary r = requireRun(runId);
        runs.put(runId, new RunSummary(r.id(), r.name(), r.strategy(), RunStatus.RUNNING, r.created(), null,
                r.targets(), r.settings(), r.provenance(), 0, 0, null, Double.NaN));
    }

    @Override
    public synchronized void updateSettings(long runId, String settings) {
        RunSummary r = requireRun(runId);
        runs.put(runId, new RunSummary(r.id(), r.name(), r.strategy(), r.status(), r.created(), r.finished(),
                r.targets(), settings, r.provenance(), 0, 0, null, Double.NaN));
    }

    private RunSummary requireRun(long runId) {
        RunSummary run = runs.get(runId);
        if (run == null) {
            throw new IllegalArgumentException("no run " + runId);
        }
        return run;
    }

    @Override
    public synchronized void putCandidate(CandidateRecord candidate) {
        candidates.putIfAbsent(candidate.configId(), candidate);
    }

    @Override
    public synchronized long addEvaluation(long runId, Evaluation evaluation, Lineage lineage) {
        requireRun(runId);
        if (!candidates.containsKey(evaluation.configId())) {
            throw new IllegalArgumentException("no candidate " + evaluation.configId() + "; store it first");
        }
        long id = evaluations.size() + 1L;
        evaluations.add(new StoredEvaluation(id, runId, evaluation, lineage));
        return id;
    }

    @Override
    public synchronized void dropCheckpoint(long evaluationId) {
        int i = (int) evaluationId - 1;
        if (i >= 0 && i < evaluations.size()) {
            StoredEvaluation e = evaluations.get(i);
            Lineage l = e.lineage();
            evaluations.set(i, new StoredEvaluation(e.id(), e.runId(), e.evaluation(),
                    new Lineage(l.rung(), null, l.startedFrom(), l.inheritedGroups())));
        }
    }

    @Override
    public synchronized long addFinalEvaluation(long runId, Evaluation evaluation, String modelDir) {
        long id = addEvaluation(runId, evaluation);
        finals.put(id, modelDir);
        return id;
    }

    @Override
    public synchronized void putGeneration(GenerationRecord generation) {
        requireRun(generation.runId());
        var ofRun = generations.computeIfAbsent(generation.runId(), r -> new TreeMap<>());
        if (ofRun.putIfAbsent(generation.index(), generation) != null) {
            throw new IllegalStateException(H2ResultStore.generationRecorded(generation));
        }
    }

    @Override
    public synchronized void addExport(ExportRecord export) {
        requireRun(export.runId());
        exports.add(export);
    }

    @Override
    public synchronized List<RunSummary> runs() {
        return runs.keySet().stream().sorted(Comparator.reverseOrder()).map(id -> run(id).orElseThrow()).toList();
    }

    @Override
    public synchronized Optional<RunSummary> run(long runId) {
        RunSummary r = runs.get(runId);
        if (r == null) {
            return Optional.empty();
        }
        List<Measured> measured = measured(runId, r.targets());
        List<Measured> best = Ranking.best(measured.stream().filter(Measured::feasible).toList(), 1);
        int count = (int) evaluations.stream().filter(e -> candidateOf(runId, e) && !cut(e)
                && e.lineage().rung() == 0).count();
        return Optional.of(new RunSummary(r.id(), r.name(), r.strategy(), r.status(), r.created(), r.finished(),
                r.targets(), r.settings(), r.provenance(), count, (int) measured.stream().filter(Measured::feasible)
                .count(), best.isEmpty() ? null : best.get(0).configId(),
                best.isEmpty() ? Double.NaN : best.get(0).accuracy()));
    }

    @Override
    public synchronized List<GenerationRecord> history(long runId) {
        return List.copyOf(generations.getOrDefault(runId, new TreeMap<>()).values());
    }

    @Override
    public synchronized List<ExportRecord> exports(long runId) {
        return exports.stream().filter(e -> e.runId() == runId).toList();
    }

    @Override
    public synchronized List<Measured> measured(long runId, Targets targets) {
        Map<String, Measured> highest = new LinkedHashMap<>();
        for (StoredEvaluation e : evaluations) {
            if (candidateOf(runId, e) && !cut(e)) {
                highest.merge(e.evaluation().configId(), Measured.of(e.id(), runId, e.evaluation(),
                        e.lineage().rung(), candidates.get(e.evaluation().configId()), targets), Measured::higher);
            }
        }
        return List.copyOf(highest.values());
    }

    private static boolean cut(StoredEvaluation e) {
        return e.evaluation().status() == EvaluationStatus.CUT;
    }

    private boolean candidateOf(long runId, StoredEvaluation e) {
        return e.runId() == runId && !finals.containsKey(e.id());
    }

    @Override
    public synchronized List<StoredEvaluation> evaluations(long runId) {
        return evaluations.stream().filter(e -> candidateOf(runId, e)).toList();
    }

    @Override
    public synchronized Optional<FinalModel> finalModel(long runId) {
        return evaluations.stream().filter(e -> e.runId() == runId && finals.containsKey(e.id()))
                .reduce((first, second) -> second).map(e -> new FinalModel(e, finals.get(e.id())));
    }

    @Override
    public synchronized Optional<StoredEvaluation> lookup(String configId, Fidelity fidelity, String deviceClass) {
        return evaluations.stream()
                .filter(e -> e.evaluation().configId().equals(configId) && e.evaluation().fidelity().equals(fidelity))
                .filter(e -> e.evaluation().deviceClass().equals(deviceClass))
                .filter(e -> e.evaluation().status() == EvaluationStatus.OK
                        || e.evaluation().status() == EvaluationStatus.DIVERGED)
                .filter(e -> e.lineage().rung() == 0 && !e.lineage().inherited())
                .reduce((first, second) -> second);
    }

    @Override
    public synchronized Optional<CandidateRecord> candidate(String configId) {
        return Optional.ofNullable(candidates.get(configId));
    }

    @Override
    public synchronized List<StoredEvaluation> evaluationsOf(String configId) {
        return evaluations.stream().filter(e -> e.evaluation().configId().equals(configId)).toList();
    }

    @Override
    public void close() {
        // Nothing to release: the store lives as long as the object.
    }

    @Override
    public synchronized long addDeviceProfile(DeviceProfile profile) {
        long id = profiles.size() + 1L;
        profiles.add(new StoredProfile(id, profile));
        return id;
    }

    @Override
    public synchronized Optional<StoredProfile> deviceProfile(String device) {
        return profiles.stream().filter(p -> p.profile().device().equals(device)).reduce((first, last) -> last);
    }

    @Override
    public synchronized void putPrediction(String configId, long profileId, LatencyPrediction prediction) {
        if (!candidates.containsKey(configId) || profileId < 1 || profileId > profiles.size()) {
            throw new StoreException("cannot store the predicted latency of " + configId + ": no such candidate or "
                    + "profile " + profileId, null);
        }
        predictions.computeIfAbsent(configId, id -> new TreeMap<>()).putIfAbsent(profileId, prediction);
    }

    @Override
    public synchronized List<StoredPrediction> predictions(String configId) {
        List<StoredPrediction> stored = new ArrayList<>();
        predictions.getOrDefault(configId, new TreeMap<>()).forEach((id, p) -> stored.add(
                new StoredPrediction(id, profiles.get((int) (id - 1)).profile().device(), p)));
        return stored;
    }
}
