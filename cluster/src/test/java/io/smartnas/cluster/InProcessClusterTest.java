package io.smartnas.cluster;

import io.smartnas.space.SmartNetConfig;
import io.smartnas.space.evaluation.Assignment;
import io.smartnas.space.evaluation.Evaluation;
import io.smartnas.space.evaluation.EvaluationStatus;
import io.smartnas.space.evaluation.Evaluator;
import io.smartnas.space.evaluation.ExitMetrics;
import io.smartnas.space.evaluation.Fidelity;
import io.smartnas.space.run.EvaluationSpec;
import io.smartnas.space.run.TimingSettings;
import io.smartnas.space.run.TrainingSettings;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A coordinator and two workers in one process, on loopback, with an evaluator that trains nothing. */
@Tag("slow")
class InProcessClusterTest {
    static final Secret KEY = Secret.ofBytes("in-process-cluster-test-key".getBytes(StandardCharsets.UTF_8));
    static final EvaluationSpec SPEC = new EvaluationSpec("synthetic", "sha256:test", 42, new Fidelity(1, 100),
            TrainingSettings.DEFAULT, TimingSettings.DEFAULT, "cpu", null);

    /** "Trains" for 200 ms and reports a measurement named after the worker that made it. */
    static class Sleepy implements Evaluator {
        final List<String> seen = Collections.synchronizedList(new ArrayList<>());

        @Override
        public List<Evaluation> evaluate(List<Assignment> batch, Consumer<Evaluation> onResult) {
            List<Evaluation> out = new ArrayList<>();
            for (Assignment a : batch) {
                seen.add(a.config().id());
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                Instant now = Instant.now();
                Evaluation e = new Evaluation(a.config().id(), a.fidelity(), EvaluationStatus.OK,
                        List.of(new ExitMetrics(0, 0.5, Double.NaN, 1, 1, 10, 0, 100)), 40, false, "cpu()", now,
                        now, "", Map.of(), Double.NaN);
                out.add(e);
                onResult.accept(e);
            }
            return out;
        }

        @Override
        public Evaluation keep(SmartNetConfig config, Fidelity fidelity, Duration trainingTime, Path modelDir) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void everyCandidateOfABatchIsEvaluatedOnceByTheWorkersThatJoined() throws Exception {
        int port = 5901;
        try (Coordinator coordinator = Coordinator.open(KEY, "127.0.0.1", port, SPEC, "test", null,
                ClusterProgress.NONE)) {
            Sleepy first = new Sleepy();
            Sleepy second = new Sleepy();
            List<Thread> workers = new ArrayList<>();
            for (Sleepy s : List.of(first, second)) {
                Worker w = new Worker(KEY, "127.0.0.1:" + port, "127.0.0.1", port + 1, "test", spec -> List.of(s),
                        spec -> "sha256:test", "cpu()", ClusterProgress.NONE);
                Thread t = new Thread(w::run);
                t.setDaemon(true);
                t.start();
                workers.add(t);
            }
            assertTrue(coordinator.awaitWorkers(2, Duration.ofSeconds(60)), "both workers are admitted");
            List<SmartNetConfig> configs = new ArrayList<>();
            for (int depth = 1; depth <= 3; depth++) {
                for (int growth : List.of(4, 8)) {
                    configs.add(new SmartNetConfig(WireTest.NET.input(), 4, 8, 4, 1, List.of(growth),
                            List.of(new io.smartnas.space.Cell(0, 0, depth, List.of()))));
                }
            }
            List<Evaluation> results = coordinator.evaluator().evaluate(Assignment.fresh(configs,
                    new Fidelity(1, 100)), e -> { });
            assertEquals(configs.size(), results.size());
            for (int i = 0; i < configs.size(); i++) {
                assertEquals(configs.get(i).id(), results.get(i).configId());
                assertTrue(results.get(i).ok());
                assertTrue(results.get(i).provenance().containsKey("worker"));
            }
            assertEquals(configs.size(), first.seen.size() + second.seen.size(), "each evaluated once");
            assertTrue(!first.seen.isEmpty() && !second.seen.isEmpty(), "both workers got work: " + first.seen
                    + " " + second.seen);
            coordinator.finished();
            for (Thread t : workers) {
                t.join(20_000);
            }
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aMemberWithoutTheKeyIsNeverAdmittedGetsNoWorkAndItsForgedResultIsDropped() throws Exception {
        int port = 5911;
        Secret other = Secret.ofBytes("a-stranger-who-knows-only-the-name".getBytes(StandardCharsets.UTF_8));
        try (Coordinator coordinator = Coordinator.open(KEY, "127.0.0.1", port, SPEC, "test", null,
                ClusterProgress.NONE)) {
            // The stranger knows the cluster's name (say it listened on the wire) but not the key.
            com.hazelcast.core.HazelcastInstance stranger = Membership.start(KEY, "127.0.0.1", port + 1,
                    "127.0.0.1:" + port, true, line -> { });
            try {
                String strangerId = stranger.getCluster().getLocalMember().getUuid().toString();
                com.fasterxml.jackson.databind.node.ObjectNode hello = Wire.JSON.createObjectNode();
                hello.put("version", "test");
                hello.put("spec", SPEC.json());
                hello.put("data_checksum", "sha256:test");
                stranger.<String, String>getMap(Coordinator.WORKERS).put(strangerId,
                        Envelope.seal(other, "hello", hello));

                Sleepy honest = new Sleepy();
                Thread worker = new Thread(new Worker(KEY, "127.0.0.1:" + port, "127.0.0.1", port + 2, "test",
                        spec -> List.of(honest), spec -> "sha256:test", "cpu()", ClusterProgress.NONE)::run);
                worker.setDaemon(true);
                worker.start();
                assertTrue(coordinator.awaitWorkers(1, Duration.ofSeconds(60)));
                assertFalse(coordinator.awaitWorkers(2, Duration.ofSeconds(3)), "the stranger is not admitted");

                SmartNetConfig net = WireTest.NET;
                Evaluation forgedResult = new Evaluation(net.id(), new Fidelity(1, 100), EvaluationStatus.OK,
                        List.of(new ExitMetrics(0, 0.99, Double.NaN, 1, 1, 10, 0, 100),
                                new ExitMetrics(1, 0.99, Double.NaN, 1, 1, 10, 0, 100)), 40, false, "cpu()",
                        Instant.now(), Instant.now(), "", Map.of(), Double.NaN);
                stranger.<String>getQueue(Coordinator.RESULTS).add(Envelope.seal(other, "result",
                        Wire.result(new Wire.Result("any", strangerId, forgedResult, null))));
                List<Evaluation> results = coordinator.evaluator().evaluate(List.of(Assignment.fresh(net,
                        new Fidelity(1, 100))), e -> { });
                assertEquals(0.5, results.get(0).lastExit().validationAccuracy(), "the honest worker's result");
                assertEquals(List.of(net.id()), honest.seen);
                assertTrue(stranger.<String>getQueue(Worker.tasks(strangerId)).isEmpty(), "no work for it");
                assertTrue(coordinator.forged() >= 2, "its hello and its result: " + coordinator.forged());
                coordinator.finished();
                worker.join(20_000);
            } finally {
                stranger.shutdown();
            }
        }
    }

    /** Fails every candidate, as a worker whose device is broken would. */
    static final class Broken extends Sleepy {
        @Override
        public List<Evaluation> evaluate(List<Assignment> batch, Consumer<Evaluation> onResult) {
            Assignment a = batch.get(0);
            seen.add(a.config().id());
            Instant now = Instant.now();
            return List.of(Evaluation.unsuccessful(a.config().id(), a.fidelity(), EvaluationStatus.FAILED,
                    "device lost", "cpu()", now, now, Map.of()));
        }
    }

    private static Thread start(Worker worker, Worker.Outcome[] outcome) {
        Thread t = new Thread(() -> outcome[0] = worker.run());
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aWorkerOfAnotherVersionOrOtherDataIsRefusedWithAReasonOnBothSides() throws Exception {
        int port = 5921;
        List<String> said = Collections.synchronizedList(new ArrayList<>());
        try (Coordinator coordinator = Coordinator.open(KEY, "127.0.0.1", port, SPEC, "1.0", null,
                new ClusterProgress() {
                    @Override
                    public void said(String line) {
                        said.add(line);
                    }
                })) {
            Worker older = new Worker(KEY, "127.0.0.1:" + port, "127.0.0.1", port + 1, "0.9", spec -> List.of(new Sleepy()),
                    spec -> "sha256:test", "cpu()", ClusterProgress.NONE);
            Worker otherData = new Worker(KEY, "127.0.0.1:" + port, "127.0.0.1", port + 1, "1.0",
                    spec -> List.of(new Sleepy()), spec -> "sha256:other", "cpu()", ClusterProgress.NONE);
            Worker.Outcome[] first = new Worker.Outcome[1];
            Worker.Outcome[] second = new Worker.Outcome[1];
            Thread a = start(older, first);
            Thread b = start(otherData, second);
            coordinator.awaitWorkers(1, Duration.ofSeconds(15));
            a.join(30_000);
            b.join(30_000);
            assertEquals(Worker.Outcome.REFUSED, first[0]);
            assertTrue(older.refusal().contains("runs SmartNAS 0.9, the coordinator 1.0"), older.refusal());
            assertEquals(Worker.Outcome.REFUSED, second[0]);
            assertTrue(otherData.refusal().contains("sha256:other"), otherData.refusal());
            assertEquals(0, coordinator.workers());
            assertEquals(2, said.stream().filter(l -> l.contains("refused")).count(), said.toString());
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aCandidateThatFailsOnThreeAttemptsIsStoredAsFailedNotRetriedForever() throws Exception {
        int port = 5951;
        try (Coordinator coordinator = Coordinator.open(KEY, "127.0.0.1", port, SPEC, "test", null,
                ClusterProgress.NONE)) {
            Broken one = new Broken();
            Broken two = new Broken();
            for (Broken b : List.of(one, two)) {
                start(new Worker(KEY, "127.0.0.1:" + port, "127.0.0.1", port + 1, "test", spec -> List.of(b),
                        spec -> "sha256:test", "cpu()", ClusterProgress.NONE), new Worker.Outcome[1]);
            }
            assertTrue(coordinator.awaitWorkers(2, Duration.ofSeconds(60)));
            Evaluation e = coordinator.evaluator().evaluate(List.of(Assignment.fresh(WireTest.NET,
                    new Fidelity(1, 100))), x -> { }).get(0);
            assertEquals(EvaluationStatus.FAILED, e.status());
            assertTrue(e.error().startsWith("failed on 3 workers"), e.error());
            assertEquals(3, one.seen.size() + two.seen.size(), "three attempts, no more");
            assertFalse(one.seen.isEmpty() || two.seen.isEmpty(), "on both workers");
            coordinator.finished();
        }
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void workersWaitForAKilledCoordinatorAndServeTheOneThatResumesTheRun() throws Exception {
        int port = 5961;
        Sleepy evaluator = new Sleepy();
        Coordinator killed = Coordinator.open(KEY, "127.0.0.1", port, SPEC, "test", null, ClusterProgress.NONE);
        Worker.Outcome[] outcome = new Worker.Outcome[1];
        Thread worker = start(new Worker(KEY, "127.0.0.1:" + port, "127.0.0.1", port + 1, "test",
                spec -> List.of(evaluator), spec -> "sha256:test", "cpu()", ClusterProgress.NONE), outcome);
        assertTrue(killed.awaitWorkers(1, Duration.ofSeconds(60)));
        killed.terminate();
        try (Coordinator resumed = Coordinator.open(KEY, "127.0.0.1", port, SPEC, "test", null,
                ClusterProgress.NONE)) {
            assertTrue(resumed.awaitWorkers(1, Duration.ofSeconds(90)), "the worker joined the new coordinator");
            assertTrue(resumed.evaluator().evaluate(List.of(Assignment.fresh(WireTest.NET, new Fidelity(1, 100))),
                    x -> { }).get(0).ok());
            resumed.finished();
            worker.join(30_000);
            assertEquals(Worker.Outcome.FINISHED, outcome[0]);
        }
    }
}
