package io.smartnas.results;

import io.smartnas.space.SmartNetConfig;
import io.smartnas.space.evaluation.Evaluation;
import io.smartnas.space.evaluation.EvaluationStatus;
import io.smartnas.space.evaluation.Fidelity;
import io.smartnas.space.evaluation.Targets;
import io.smartnas.space.importance.Importance;
import io.smartnas.space.latency.DeviceProfile;
import io.smartnas.space.latency.LatencyPrediction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@link ResultStore} contract; every implementation runs these. */
abstract class ResultStoreContract {
    protected ResultStore store;

    abstract ResultStore newStore() throws Exception;

    @BeforeEach
    void open() throws Exception {
        store = newStore();
    }

    @AfterEach
    void close() {
        store.close();
    }

    private long runWith(Targets targets) {
        return store.createRun(Samples.run("test", targets));
    }

    private long evaluate(long run, SmartNetConfig config, Evaluation evaluation) {
        store.putCandidate(Samples.candidate(config));
        return store.addEvaluation(run, evaluation);
    }

    @Test
    void aNewRunIsRunningWithItsSettingsAndTargets() {
        Targets targets = new Targets(50_000L, null, 3.0, 0.8);
        long run = runWith(targets);
        RunSummary summary = store.run(run).orElseThrow();
        assertEquals(RunStatus.RUNNING, summary.status());
        assertEquals("test", summary.name());
        assertEquals(targets, summary.targets());
        assertEquals("{\"population\": 8}", summary.settings());
        assertNull(summary.finished());
    }

    @Test
    void finishingAndResumingARunChangesItsStatus() {
        long run = runWith(Targets.NONE);
        store.finishRun(run, RunStatus.STOPPED);
        assertEquals(RunStatus.STOPPED, store.run(run).orElseThrow().status());
        assertNotNull(store.run(run).orElseThrow().finished());
        store.resumeRun(run);
        assertEquals(RunStatus.RUNNING, store.run(run).orElseThrow().status());
    }

    @Test
    void runsAreListedNewestFirst() {
        long first = runWith(Targets.NONE);
        long second = runWith(Targets.NONE);
        assertEquals(List.of(second, first), store.runs().stream().map(RunSummary::id).toList());
    }

    @Test
    void anEvaluationReadsBackAsItWasWritten() {
        long run = runWith(Targets.NONE);
        SmartNetConfig config = Samples.config(1);
        Evaluation evaluation = Samples.ok(config, Samples.FIDELITY, 0.9, 2.5);
        long id = evaluate(run, config, evaluation);
        List<StoredEvaluation> stored = store.evaluationsOf(config.id());
        assertEquals(1, stored.size());
        assertEquals(id, stored.get(0).id());
        assertEquals(run, stored.get(0).runId());
        assertEquals(evaluation, stored.get(0).evaluation());
        assertEquals(stored, store.evaluations(run));
    }

    @Test
    void anEvaluationsImportanceReadsBackAsItWasWritten() {
        long run = runWith(Targets.NONE);
        SmartNetConfig config = Samples.config(2);
        Importance importance = new Importance(List.of(new Importance.Connection(0, 0, true, 1.25),
                new Importance.Connection(2, 0, false, 0.0625)), List.of(new Importance.Layer(0, 0, 0.875)));
        Evaluation plain = Samples.ok(config, Samples.FIDELITY, 0.9, 2.5);
        Evaluation evaluation = new Evaluation(plain.configId(), plain.fidelity(), plain.status(), plain.exits(),
                plain.peakMemoryBytes(), plain.memoryMeasured(), plain.device(), plain.started(), plain.finished(),
                plain.error(), plain.provenance(), plain.anytimeLatencyMs(), importance);
        evaluate(run, config, evaluation);
        assertEquals(importance, store.evaluationsOf(config.id()).get(0).evaluation().importance());
        assertEquals(evaluation, store.evaluations(run).get(0).evaluation());
    }

    @Test
    void anUnsuccessfulEvaluationReadsBackWithItsReason() {
        long run = runWith(Targets.NONE);
        SmartNetConfig config = Samples.config(2);
        Evaluation diverged = Samples.unsuccessful(config, Samples.FIDELITY, EvaluationStatus.DIVERGED);
        evaluate(run, config, diverged);
        assertEquals(diverged, store.evaluationsOf(config.id()).get(0).evaluation());
    }

    @Test
    void aCandidateIsStoredOnce() {
        SmartNetConfig config = Samples.config(3);
        store.putCandidate(Samples.candidate(config));
        store.putCandidate(CandidateRecord.of(config, null));
        CandidateRecord stored = store.candidate(config.id()).orElseThrow();
        assertEquals("{\"seed\": 1}", stored.genome());
        assertEquals(config, stored.network());
    }

    @Test
    void anEvaluationOfAnUnknownCandidateOrRunIsRefused() {
        long run = runWith(Targets.NONE);
        SmartNetConfig config = Samples.config(4);
        assertThrows(IllegalArgumentException.class,
                () -> store.addEvaluation(run, Samples.ok(config, Samples.FIDELITY, 0.5, 1)));
        store.putCandidate(Samples.candidate(config));
        assertThrows(IllegalArgumentException.class,
                () -> store.addEvaluation(run + 100, Samples.ok(config, Samples.FIDELITY, 0.5, 1)));
    }

    @Test
    void lookupFindsTheLatestReusableEvaluationAtTheSameFidelityInAnyRun() {
        long first = runWith(Targets.NONE);
        long second = runWith(Targets.NONE);
        SmartNetConfig config = Samples.config(5);
        evaluate(first, config, Samples.ok(config, Samples.FIDELITY, 0.7, 1));
        long latest = evaluate(second, config, Samples.ok(config, Samples.FIDELITY, 0.8, 1));
        evaluate(second, config, Samples.unsuccessful(config, Samples.FIDELITY, EvaluationStatus.FAILED));
        assertEquals(latest, store.lookup(config.id(), Samples.FIDELITY, "cpu").orElseThrow().id());
        assertTrue(store.lookup(config.id(), new Fidelity(3, 1000), "cpu").isEmpty());
        assertTrue(store.lookup("no-such-config", Samples.FIDELITY, "cpu").isEmpty());
    }

    @Test
    void aFidelityOfEqualTimeIsAnotherFidelityAndIsStoredAsSuch() {
        long run = runWith(Targets.NONE);
        SmartNetConfig config = Samples.config(6);
        Fidelity timed = new Fidelity(Samples.FIDELITY.epochs(), Samples.FIDELITY.subset(), 15);
        long id = evaluate(run, config, Samples.ok(config, timed, 0.7, 1));
        assertTrue(store.lookup(config.id(), Samples.FIDELITY, "cpu").isEmpty(), "not the same fidelity untimed");
        assertEquals(id, store.lookup(config.id(), timed, "cpu").orElseThrow().id());
        assertEquals(timed, store.lookup(config.id(), timed, "cpu").orElseThrow().evaluation().fidelity());
        assertEquals(15, store.measured(run, Targets.NONE).get(0).seconds());
    }

    @Test
    void aNetworkCutFromASupernetIsMeasuredAtAFidelityOfItsOwn() {
        long run = runWith(Targets.NONE);
        SmartNetConfig config = Samples.config(7);
        Fidelity cut = Fidelity.inherited("d8cb8d0d61d2");
        long id = evaluate(run, config, Samples.ok(config, cut, 0.7, 1));
        assertTrue(store.lookup(config.id(), Samples.FIDELITY, "cpu").isEmpty(), "not a training from scratch");
        assertTrue(store.lookup(config.id(), Fidelity.inherited("0123456789ab"), "cpu").isEmpty(),
                "not a network cut from another supernet");
        assertEquals(cut, store.lookup(config.id(), cut, "cpu").orElseThrow().evaluation().fidelity());
        assertEquals(id, store.lookup(config.id(), cut, "cpu").orElseThrow().id());
    }

    @Test
    void aMeasurementIsReusedOnlyOnTheSameKindOfDevice() {
        long run = runWith(Targets.NONE);
        SmartNetConfig config = Samples.config(8);
        Evaluation cpu = Samples.ok(config, Samples.FIDELITY, 0.7, 1);
        evaluate(run, config, new Evaluation(cpu.configId(), cpu.fidelity(), cpu.status(), cpu.exits(),
                cpu.peakMemoryBytes(), cpu.memoryMeasured(), "gpu(1)", cpu.started(), cpu.finished(), "",
                cpu.provenance(), cpu.anytimeLatencyMs()));
        assertTrue(store.lookup(config.id(), Samples.FIDELITY, "cpu").isEmpty(),
                "a GPU's latency is not a CPU's");
        assertEquals("gpu(1)", store.lookup(config.id(), Samples.FIDELITY, "gpu").orElseThrow().evaluation()
                .device());
    }

    @Test
    void failuresAreNotReusedButDivergenceIs() {
        long run = runWith(Targets.NONE);
        SmartNetConfig failed = Samples.config(6);
        SmartNetConfig diverged = Samples.config(7);
        evaluate(run, failed, Samples.unsuccessful(failed, Samples.FIDELITY, EvaluationStatus.FAILED));
        evaluate(run, diverged, Samples.unsuccessful(diverged, Samples.FIDELITY, EvaluationStatus.DIVERGED));
        assertTrue(store.lookup(failed.id(), Samples.FIDELITY, "cpu").isEmpty());
        assertTrue(store.lookup(diverged.id(), Samples.FIDELITY, "cpu").isPresent());
    }

    @Test
    void aCandidateCutAtTheDeadlineIsKeptButNeitherMeasuredNorCountedNorReused() {
        long run = runWith(Targets.NONE);
        SmartNetConfig config = Samples.config(9);
        evaluate(run, config, Samples.unsuccessful(config, Samples.FIDELITY, EvaluationStatus.CUT));
        assertEquals(1, store.evaluations(run).size(), "the cut is on record");
        assertTrue(store.measured(run, Targets.NONE).isEmpty());
        assertEquals(0, store.run(run).orElseThrow().evaluations());
        assertTrue(store.lookup(config.id(), Samples.FIDELITY, "cpu").isEmpty());
        long trained = evaluate(run, config, Samples.ok(config, Samples.FIDELITY, 0.8, 1));
        assertEquals(trained, store.measured(run, Targets.NONE).get(0).evaluationId(),
                "trained again after the cut, the candidate's measurement is the new one");
    }

    @Test
    void aFinalTrainingIsTheRunsAnswerNotOneOfItsCandidates() {
        long run = runWith(Targets.NONE);
        SmartNetConfig config = Samples.config(10);
        long searched = evaluate(run, config, Samples.ok(config, Samples.FIDELITY, 0.7, 1));
        assertTrue(store.finalModel(run).isEmpty());
        Fidelity longer = new Fidelity(3, 0);
        store.addFinalEvaluation(run, Samples.unsuccessful(config, longer, EvaluationStatus.CUT), null);
        long kept = store.addFinalEvaluation(run, Samples.ok(config, longer, 0.9, 1), "/models/run-1/model");
        FinalModel answer = store.finalModel(run).orElseThrow();
        assertEquals(kept, answer.evaluation().id(), "the latest final training is the run's answer");
        assertEquals("/models/run-1/model", answer.modelDir());
        assertEquals(longer, answer.evaluation().evaluation().fidelity());
        assertEquals(List.of(searched), store.evaluations(run).stream().map(StoredEvaluation::id).toList());
        assertEquals(List.of(searched), store.measured(run, Targets.NONE).stream().map(Measured::evaluationId)
                .toList(), "never ranked with the candidates measured at the search's fidelity");
        assertEquals(1, store.run(run).orElseThrow().evaluations());
        assertEquals(0.7, store.run(run).orElseThrow().bestAccuracy(), 1e-9);
    }

    @Test
    void measuredKeepsTheFirstEvaluationOfEachCandidateJudgedByTheTargets() {
        long run = runWith(Targets.NONE);
        SmartNetConfig a = Samples.config(8);
        SmartNetConfig b = Samples.config(9);
        evaluate(run, a, Samples.ok(a, Samples.FIDELITY, 0.9, 2));
        evaluate(run, b, Samples.ok(b, Samples.FIDELITY, 0.7, 1));
        evaluate(run, a, Samples.ok(a, Samples.FIDELITY, 0.1, 9));
        List<Measured> measured = store.measured(run, new Targets(null, null, null, 0.8));
        assertEquals(List.of(a.id(), b.id()), measured.stream().map(Measured::configId).toList());
        assertTrue(measured.get(0).feasible());
        assertFalse(measured.get(1).feasible());
        assertEquals(0.125, measured.get(1).violation(), 1e-9);
    }

    @Test
    void bestPutsFeasibleFirstThenHighestAccuracyThenLowestLatency() {
        long run = runWith(new Targets(null, null, 5.0, null));
        SmartNetConfig slow = Samples.config(10);
        SmartNetConfig good = Samples.config(11);
        SmartNetConfig sameAccuracyFaster = Samples.config(12);
        evaluate(run, slow, Samples.ok(slow, Samples.FIDELITY, 0.95, 9));
        evaluate(run, good, Samples.ok(good, Samples.FIDELITY, 0.9, 4));
        evaluate(run, sameAccuracyFaster, Samples.ok(sameAccuracyFaster, Samples.FIDELITY, 0.9, 3));
        assertEquals(List.of(sameAccuracyFaster.id(), good.id(), slow.id()),
                store.best(run, Targets.NONE, 10).stream().map(Measured::configId).toList());
        assertEquals(List.of(slow.id()), store.best(run, new Targets(null, null, 10.0, 0.93), 1).stream()
                .map(Measured::configId).toList(), "targets given now override the run's");
    }

    @Test
    void theParetoFrontLeavesOutDominatedCandidates() {
        long run = runWith(Targets.NONE);
        SmartNetConfig accurate = Samples.config(13);
        SmartNetConfig fast = Samples.config(14);
        SmartNetConfig dominated = Samples.config(15);
        evaluate(run, accurate, Samples.ok(accurate, Samples.FIDELITY, 0.95, 9));
        evaluate(run, fast, Samples.ok(fast, Samples.FIDELITY, 0.7, 0.5));
        evaluate(run, dominated, Samples.ok(dominated, Samples.FIDELITY, 0.6, 20));
        List<String> front = store.pareto(run, Targets.NONE).stream().map(Measured::configId).toList();
        assertTrue(front.containsAll(List.of(accurate.id(), fast.id())), front.toString());
        assertFalse(front.contains(dominated.id()) && Samples.candidate(dominated).bytes()
                >= Math.min(Samples.candidate(accurate).bytes(), Samples.candidate(fast).bytes()), front.toString());
    }

    @Test
    void theParetoFrontListsFeasibleCandidatesFirst() {
        long run = runWith(new Targets(null, null, 1.0, null));
        SmartNetConfig accurate = Samples.config(16);
        SmartNetConfig fast = Samples.config(17);
        evaluate(run, accurate, Samples.ok(accurate, Samples.FIDELITY, 0.95, 9));
        evaluate(run, fast, Samples.ok(fast, Samples.FIDELITY, 0.7, 0.5));
        List<Measured> front = store.pareto(run, Targets.NONE);
        assertEquals(fast.id(), front.get(0).configId());
        assertTrue(front.get(0).feasible());
    }

    @Test
    void topRanksByOneFigure() {
        long run = runWith(Targets.NONE);
        SmartNetConfig a = Samples.config(18);
        SmartNetConfig b = Samples.config(19);
        evaluate(run, a, Samples.ok(a, Samples.FIDELITY, 0.9, 4));
        evaluate(run, b, Samples.ok(b, Samples.FIDELITY, 0.8, 2));
        assertEquals(List.of(b.id()), store.top(run, Figure.LATENCY_MS, 1, Targets.NONE).stream()
                .map(Measured::configId).toList());
        assertEquals(List.of(a.id(), b.id()), store.top(run, Figure.ACCURACY, 5, Targets.NONE).stream()
                .map(Measured::configId).toList());
    }

    @Test
    void theRunSummaryCountsEvaluationsAndNamesTheBestFeasible() {
        long run = runWith(new Targets(null, null, null, 0.75));
        SmartNetConfig a = Samples.config(20);
        SmartNetConfig b = Samples.config(21);
        evaluate(run, a, Samples.ok(a, Samples.FIDELITY, 0.8, 4));
        evaluate(run, b, Samples.unsuccessful(b, Samples.FIDELITY, EvaluationStatus.DIVERGED));
        RunSummary summary = store.run(run).orElseThrow();
        assertEquals(2, summary.evaluations());
        assertEquals(1, summary.feasible());
        assertEquals(a.id(), summary.bestConfigId());
        assertEquals(0.8, summary.bestAccuracy(), 1e-12);
    }

    @Test
    void aRunsSettingsCanBeReplacedWhenItsBudgetIsRaised() {
        long run = runWith(Targets.NONE);
        store.updateSettings(run, "{\"evaluations\": 48}");
        assertEquals("{\"evaluations\": 48}", store.run(run).orElseThrow().settings());
        assertThrows(IllegalArgumentException.class, () -> store.updateSettings(run + 100, "{}"));
    }

    @Test
    void aRecordedGenerationIsNeverReplaced() {
        long run = runWith(Targets.NONE);
        store.putGeneration(new GenerationRecord(run, 0, List.of("a", "b"), "[[1],[2]]", 2, 0, null, Double.NaN,
                Double.NaN, Instant.now()));
        store.putGeneration(new GenerationRecord(run, 1, List.of("c"), "[[3]]", 3, 1, "c", 0.5, 0.1, Instant.now()));
        GenerationRecord again = new GenerationRecord(run, 1, List.of("d"), "[[4]]", 4, 1, "d", 0.6, 0.2,
                Instant.now());
        assertThrows(IllegalStateException.class, () -> store.putGeneration(again));
        List<GenerationRecord> history = store.history(run);
        assertEquals(2, history.size());
        assertEquals(List.of("a", "b"), history.get(0).populationIds());
        assertEquals("[[3]]", history.get(1).population());
        assertEquals(0.5, history.get(1).bestAccuracy(), 1e-12);
        assertTrue(Double.isNaN(history.get(0).hypervolume()));
    }

    @Test
    void exportsAreRecordedInOrder() {
        long run = runWith(Targets.NONE);
        SmartNetConfig config = Samples.config(22);
        store.putCandidate(Samples.candidate(config));
        store.addExport(new ExportRecord(run, config.id(), "best", "/tmp/a.json", Instant.now()));
        store.addExport(new ExportRecord(run, config.id(), "pareto", "/tmp/b.json", Instant.now()));
        assertEquals(List.of("best", "pareto"), store.exports(run).stream().map(ExportRecord::kind).toList());
    }

    @Test
    void unknownIdsGiveEmptyAnswers() {
        assertTrue(store.run(99).isEmpty());
        assertTrue(store.history(99).isEmpty());
        assertTrue(store.measured(99, Targets.NONE).isEmpty());
        assertTrue(store.candidate("nope").isEmpty());
        assertTrue(store.evaluationsOf("nope").isEmpty());
    }

    @Test
    void returnedValuesDoNotChangeWithLaterWrites() {
        long run = runWith(Targets.NONE);
        SmartNetConfig config = Samples.config(23);
        List<Measured> before = store.measured(run, Targets.NONE);
        evaluate(run, config, Samples.ok(config, Samples.FIDELITY, 0.5, 1));
        assertTrue(before.isEmpty());
        assertThrows(UnsupportedOperationException.class, () -> before.add(null));
    }

    private static DeviceProfile profile(String device, double perConv) {
        return new DeviceProfile(device, List.of(0.01, perConv, 0.005, 1e-8, 2e-9, 1e-6), 87, 0.06, 0.3,
                Instant.parse("2026-11-28T10:00:00Z"), "{\"engine\":\"test\"}");
    }

    @Test
    void theNewestProfileOfADeviceIsTheOneInUseAndReadsBackAsStored() {
        assertTrue(store.deviceProfile("cpu A, 2 threads").isEmpty());
        long first = store.addDeviceProfile(profile("cpu A, 2 threads", 0.03));
        long other = store.addDeviceProfile(profile("cpu B, 8 threads", 0.01));
        long newest = store.addDeviceProfile(profile("cpu A, 2 threads", 0.02));
        assertTrue(first != newest && other != newest);
        StoredProfile read = store.deviceProfile("cpu A, 2 threads").orElseThrow();
        assertEquals(newest, read.id());
        assertEquals(profile("cpu A, 2 threads", 0.02), read.profile());
        assertEquals(other, store.deviceProfile("cpu B, 8 threads").orElseThrow().id());
    }

    @Test
    void aPredictionIsStoredOncePerConfigAndProfile() {
        SmartNetConfig config = Samples.config(1);
        store.putCandidate(Samples.candidate(config));
        long id = store.addDeviceProfile(profile("cpu A, 2 threads", 0.03));
        LatencyPrediction predicted = store.deviceProfile("cpu A, 2 threads").orElseThrow().profile().predict(config);
        store.putPrediction(config.id(), id, predicted);
        store.putPrediction(config.id(), id, predicted);
        List<StoredPrediction> stored = store.predictions(config.id());
        assertEquals(List.of(new StoredPrediction(id, "cpu A, 2 threads", predicted)), stored);
        assertTrue(store.predictions(Samples.config(2).id()).isEmpty());
        assertThrows(StoreException.class, () -> store.putPrediction(config.id(), id + 99, predicted));
    }
}
