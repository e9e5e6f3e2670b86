package io.smartnas.search;

import io.smartnas.results.MemoryResultStore;
import io.smartnas.results.ResultStore;
import io.smartnas.results.StoredEvaluation;
import io.smartnas.space.SmartNetConfig;
import io.smartnas.space.evaluation.Evaluation;
import io.smartnas.space.evaluation.EvaluationStatus;
import io.smartnas.space.evaluation.Fidelity;
import io.smartnas.space.evaluation.Lineage;
import io.smartnas.space.evaluation.Targets;
import io.smartnas.space.run.Rungs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A search on a fidelity ladder, with inherited weights, on the synthetic evaluator. */
class RungsSearchTest {
    private static final Rungs RUNGS = new Rungs(List.of(new Fidelity(1, 2000), new Fidelity(2, 0)), 3);
    private static final int POPULATION = 8;
    private static final int EVALUATIONS = 36;

    @TempDir
    Path dir;

    private static SearchSettings settings(boolean inherit) {
        return new SearchSettings(Strategy.GENETIC, Objective.MULTI, Targets.NONE, new Budget(POPULATION, EVALUATIONS,
                null, null, null), TestSettings.BOUNDS, TestSettings.FIDELITY, SyntheticEvaluator.DEVICE, 3, null,
                RUNGS, inherit);
    }

    /** Records the checkpoints a search reports after each pruning. */
    private static final class Disk implements SearchProgress {
        final List<int[]> reports = new ArrayList<>();
        final List<Long> bytes = new ArrayList<>();

        @Override
        public void checkpoints(int kept, long used, int deleted) {
            reports.add(new int[] {kept, deleted});
            bytes.add(used);
        }
    }

    @Test
    void promotionsGoOnFromTheirOwnCheckpointOneRungAtATimeAndTheBestIsRankedOnTheHighestRung() {
        try (ResultStore store = new MemoryResultStore()) {
            SyntheticEvaluator evaluator = new SyntheticEvaluator();
            SearchResult result = new Search(store, evaluator, settings(false), SearchProgress.NONE,
                    run -> dir.resolve("run-" + run)).start("rungs", "{}", "{}");
            List<StoredEvaluation> stored = store.evaluations(result.runId());
            Map<String, Map<Integer, StoredEvaluation>> byRung = new HashMap<>();
            for (StoredEvaluation e : stored) {
                StoredEvaluation earlier = byRung.computeIfAbsent(e.evaluation().configId(), id -> new HashMap<>())
                        .putIfAbsent(e.lineage().rung(), e);
                assertNull(earlier, "measured twice on one rung: " + e.evaluation().configId());
            }
            long rung0 = stored.stream().filter(e -> e.lineage().rung() == 0).count();
            long rung1 = stored.stream().filter(e -> e.lineage().rung() == 1).count();
            long rung2 = stored.stream().filter(e -> e.lineage().rung() == 2).count();
            assertEquals(EVALUATIONS, rung0, "the budget counts candidates, not promotions");
            assertTrue(rung1 >= EVALUATIONS / 3 && rung1 < rung0, "rung 1: " + rung1);
            assertTrue(rung2 >= rung1 / 3 && rung2 < rung1, "rung 2: " + rung2);
            for (StoredEvaluation e : stored) {
                Lineage l = e.lineage();
                if (l.rung() > 0) {
                    StoredEvaluation below = byRung.get(e.evaluation().configId()).get(l.rung() - 1);
                    assertEquals(below.id(), l.startedFrom(), "a promotion goes on from its own rung below");
                    assertEquals(store.candidate(e.evaluation().configId()).orElseThrow().size(),
                            l.inheritedGroups(), "every exit group");
                    assertEquals(RUNGS.ladder(TestSettings.FIDELITY).get(l.rung()), e.evaluation().fidelity());
                } else {
                    assertFalse(l.inherited(), "no inheritance asked for");
                }
            }
            assertEquals(2, result.best().rung(), "the best was measured on the top rung");
            assertEquals(result.best().evaluationId(), byRung.get(result.best().configId()).get(2).id());
            assertEquals(result.evaluations(), EVALUATIONS);
        }
    }

    @Test
    void checkpointsThatNoPromotionOrChildCanUseAreDeletedSoDiskUseStaysBounded() throws IOException {
        try (ResultStore store = new MemoryResultStore()) {
            Disk disk = new Disk();
            SearchResult result = new Search(store, new SyntheticEvaluator(), settings(true), disk,
                    run -> dir.resolve("run-" + run)).start("bounded", "{}", "{}");
            // Rung 0 holds at most 36 candidates, of which 12 may be promoted; rung 1 at most 12, of which 4; and the
            // population's networks for children.
            int bound = EVALUATIONS / 3 + EVALUATIONS / 9 + POPULATION;
            assertFalse(disk.reports.isEmpty());
            for (int i = 0; i < disk.reports.size(); i++) {
                int kept = disk.reports.get(i)[0];
                assertTrue(kept <= bound, "report " + i + ": " + kept + " kept, bound " + bound);
                assertEquals((long) kept * SyntheticEvaluator.CHECKPOINT_BYTES, disk.bytes.get(i));
            }
            assertTrue(disk.reports.stream().mapToInt(r -> r[1]).sum() > 0, "some were deleted");
            Path checkpoints = dir.resolve("run-" + result.runId()).resolve("checkpoints");
            try (Stream<Path> onDisk = Files.list(checkpoints)) {
                assertEquals(disk.reports.get(disk.reports.size() - 1)[0], onDisk.count());
            }
            Set<String> referenced = new HashSet<>();
            store.evaluations(result.runId()).stream().map(StoredEvaluation::lineage)
                    .filter(l -> l.checkpoint() != null).forEach(l -> referenced.add(l.checkpoint()));
            try (Stream<Path> onDisk = Files.list(checkpoints)) {
                onDisk.forEach(p -> assertTrue(referenced.contains(p.toString()), "unreferenced " + p));
            }
        }
    }

    @Test
    void aChildInheritsTheFirstColumnsItSharesWithAKeptNetworkAndTheStoreSaysFromWhich() {
        try (ResultStore store = new MemoryResultStore()) {
            SyntheticEvaluator evaluator = new SyntheticEvaluator();
            SearchResult result = new Search(store, evaluator, settings(true), SearchProgress.NONE,
                    run -> dir.resolve("run-" + run)).start("inherits", "{}", "{}");
            Map<Long, StoredEvaluation> byId = new HashMap<>();
            store.evaluations(result.runId()).forEach(e -> byId.put(e.id(), e));
            int inherited = 0;
            for (StoredEvaluation e : byId.values()) {
                Lineage l = e.lineage();
                if (l.rung() == 0 && l.inherited()) {
                    inherited++;
                    SmartNetConfig child = store.candidate(e.evaluation().configId()).orElseThrow().network();
                    SmartNetConfig parent = store.candidate(byId.get(l.startedFrom()).evaluation().configId())
                            .orElseThrow().network();
                    assertTrue(l.inheritedGroups() >= 1 && l.inheritedGroups() <= child.size());
                    assertEquals(child.prefix(l.inheritedGroups()), parent.prefix(l.inheritedGroups()),
                            "a child inherits only the columns it shares");
                    assertEquals(child.sharedExitGroups(parent), l.inheritedGroups(),
                            "every group it shares");
                }
            }
            assertTrue(inherited > 0, "children of the genetic search share first columns with their parents");
            for (var a : evaluator.assignments) {
                if (a.startFrom() != null) {
                    assertTrue(a.startGroups() >= 1);
                }
            }
        }
    }

    @Test
    void aSearchThatCrashedInAPromotionResumesWithoutTrainingAnythingItStoredAgain() {
        try (ResultStore store = new MemoryResultStore()) {
            List<String> trainedBeforeCrash = new ArrayList<>();
            SyntheticEvaluator crashing = new SyntheticEvaluator() {
                private int promotions;

                @Override
                public List<Evaluation> evaluate(List<io.smartnas.space.evaluation.Assignment> batch,
                                                 java.util.function.Consumer<Evaluation> onResult) {
                    if (batch.get(0).startGroups() == batch.get(0).config().size() && ++promotions == 3) {
                        // Part of the third round of promotions is stored, then the process dies.
                        super.evaluate(batch.subList(0, 1), onResult);
                        throw new IllegalStateException("killed");
                    }
                    return super.evaluate(batch, onResult);
                }
            };
            Search first = new Search(store, crashing, settings(false), SearchProgress.NONE,
                    run -> dir.resolve("run-" + run));
            assertThrows(IllegalStateException.class, () -> first.start("crashed", "{}", "{}"));
            long run = store.runs().get(0).id();
            List<StoredEvaluation> before = store.evaluations(run);
            Set<String> storedBefore = new HashSet<>();
            before.forEach(e -> storedBefore.add(e.evaluation().configId() + "@" + e.lineage().rung()));
            crashing.assignments.forEach(a -> trainedBeforeCrash.add(a.config().id()));

            SyntheticEvaluator resumed = new SyntheticEvaluator();
            SearchResult result = new Search(store, resumed, settings(false), SearchProgress.NONE,
                    r -> dir.resolve("run-" + r)).resume(run);
            for (var a : resumed.assignments) {
                int rungOf = RUNGS.ladder(TestSettings.FIDELITY).indexOf(a.fidelity());
                assertFalse(storedBefore.contains(a.config().id() + "@" + rungOf),
                        "trained again: " + a.config().id() + " on rung " + rungOf);
            }
            List<StoredEvaluation> after = store.evaluations(run);
            for (int i = 0; i < before.size(); i++) {
                // Only a checkpoint's reference goes, once nothing can use it and it is deleted.
                StoredEvaluation was = before.get(i);
                StoredEvaluation is = after.get(i);
                assertEquals(was.evaluation(), is.evaluation(), "every stored evaluation is kept as it was");
                assertEquals(was.lineage().rung(), is.lineage().rung());
                assertEquals(was.lineage().startedFrom(), is.lineage().startedFrom());
                assertTrue(is.lineage().checkpoint() == null || is.lineage().checkpoint()
                        .equals(was.lineage().checkpoint()));
            }
            assertEquals(EVALUATIONS, after.stream().filter(e -> e.lineage().rung() == 0
                    && e.evaluation().status() != EvaluationStatus.CUT).count());
            assertEquals(EVALUATIONS, result.evaluations());
            assertFalse(trainedBeforeCrash.isEmpty());
        }
    }

    @Test
    void promotionsCutAtTheDeadlineAreNotMeasurementsAndAreMadeWhenTheRunResumes() {
        try (ResultStore store = new MemoryResultStore()) {
            SyntheticEvaluator cutting = new SyntheticEvaluator() {
                @Override
                public List<Evaluation> evaluate(List<io.smartnas.space.evaluation.Assignment> batch,
                                                 java.util.function.Consumer<Evaluation> onResult) {
                    if (batch.get(0).startGroups() < batch.get(0).config().size()) {
                        return super.evaluate(batch, onResult);
                    }
                    List<Evaluation> cut = new ArrayList<>();
                    for (var a : batch) {
                        Evaluation e = Evaluation.unsuccessful(a.config().id(), a.fidelity(), EvaluationStatus.CUT,
                                "cut in flight: the run's time was up", DEVICE, java.time.Instant.now(),
                                java.time.Instant.now(), Map.of());
                        cut.add(e);
                        onResult.accept(e);
                    }
                    return cut;
                }
            };
            SearchResult first = new Search(store, cutting, settings(false), SearchProgress.NONE,
                    run -> dir.resolve("run-" + run)).start("cut", "{}", "{}");
            List<StoredEvaluation> promotions = store.evaluations(first.runId()).stream()
                    .filter(e -> e.lineage().rung() > 0).toList();
            assertFalse(promotions.isEmpty());
            promotions.forEach(e -> assertEquals(EvaluationStatus.CUT, e.evaluation().status()));
            assertEquals(0, first.best().rung(), "a cut promotion is no measurement");
            assertEquals(EVALUATIONS, first.evaluations());

            SyntheticEvaluator resumed = new SyntheticEvaluator();
            SearchResult more = new Search(store, resumed, settings(false), SearchProgress.NONE,
                    run -> dir.resolve("run-" + run)).resume(first.runId());
            assertFalse(resumed.assignments.isEmpty(), "the resumed run makes the promotions that were cut");
            resumed.assignments.forEach(a -> assertEquals(a.config().size(), a.startGroups(),
                    "it trains no candidate again, only promotions: " + a.config().id()));
            assertEquals(2, more.best().rung());
        }
    }
}
