package io.smartnas.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.collection.IQueue;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastException;
import com.hazelcast.map.IMap;
import io.smartnas.space.InvalidInputException;
import io.smartnas.space.evaluation.Assignment;
import io.smartnas.space.evaluation.Evaluation;
import io.smartnas.space.evaluation.Evaluator;
import io.smartnas.space.evaluation.InterruptedRunException;
import io.smartnas.space.evaluation.Interruption;
import io.smartnas.space.run.EvaluationSpec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A worker: joins a coordinator's cluster as a lite member (it holds none of the cluster's data), reads the run's
 * evaluation spec, builds its evaluator for it (on its own data set, which must have the run's checksum), asks to be
 * admitted, and then evaluates the candidates it is given, one at a time, sending each evaluation back signed, with
 * the checkpoint it left. It holds no database. A worker whose coordinator goes away without finishing the run (killed,
 * to be resumed) leaves and joins again when one is back; one whose run finished leaves. A stop request (Ctrl-C,
 * SIGTERM) cuts the candidate in hand at its next step and hands it back, so another worker takes it at once.
 */
public final class Worker {
    /** Seconds between attempts to find a coordinator. */
    static final int RETRY_SECONDS = 3;
    /**
     * Attempts after which a worker that finds no coordinator of its cluster where something does listen gives up: the
     * coordinator there has another secret (Hazelcast refuses a member of another cluster at the join).
     */
    static final int REFUSED_JOINS = 3;

    /** How a worker ended. */
    public enum Outcome {
        /** The run finished. */
        FINISHED,
        /** The coordinator refused it (another version, data or run), or it could not evaluate the run. */
        REFUSED,
        /** It was asked to stop. */
        STOPPED
    }

    private final Secret secret;
    private final String join;
    private final String bind;
    private final int port;
    private final String version;
    private final Function<EvaluationSpec, List<Evaluator>> evaluators;
    private final Function<EvaluationSpec, String> checksums;
    private final String devices;
    private final ClusterProgress progress;
    private String refusal = "";

    /**
     * @param join       the coordinator's {@code host:port}
     * @param bind       the interface this worker listens on
     * @param port       the first port it tries to listen on
     * @param evaluators the evaluators of a run's spec on this machine's devices, one per device: the worker takes as
     *                   many candidates at a time
     * @param checksums  the checksum of a spec's data as this machine has it
     * @param devices    what its devices are, for the coordinator's lines
     */
    public Worker(Secret secret, String join, String bind, int port, String version,
                  Function<EvaluationSpec, List<Evaluator>> evaluators, Function<EvaluationSpec, String> checksums,
                  String devices, ClusterProgress progress) {
        this.secret = secret;
        this.join = join;
        this.bind = bind;
        this.port = port;
        this.version = version;
        this.evaluators = evaluators;
        this.checksums = checksums;
        this.devices = devices;
        this.progress = progress;
    }

    /** Why the coordinator refused this worker, once {@link #run} returned {@link Outcome#REFUSED}. */
    public String refusal() {
        return refusal;
    }

    /** Works until the run finishes, the coordinator refuses it, or it is asked to stop. */
    public Outcome run() {
        int refusedJoins = 0;
        while (!Interruption.process().requested()) {
            HazelcastInstance hz = Membership.start(secret, bind, port, join, true, progress::said);
            try {
                if (coordinator(hz).isEmpty()) {
                    if (!Network.answers(join)) {
                        refusedJoins = 0;
                        progress.said("no coordinator at " + join + " yet");
                    } else if (++refusedJoins >= REFUSED_JOINS) {
                        refusal = "something listens at " + join + " but refused this worker's join " + refusedJoins
                                + " times: a coordinator with another cluster secret (give the worker the "
                                + "coordinator's secret file), or another program on that port";
                        return Outcome.REFUSED;
                    } else {
                        progress.said("the coordinator at " + join + " refused this worker's join: are the cluster "
                                + "secrets the same? (attempt " + refusedJoins + " of " + REFUSED_JOINS + ")");
                    }
                } else {
                    refusedJoins = 0;
                    Optional<Outcome> outcome = serve(hz);
                    if (outcome.isPresent()) {
                        return outcome.get();
                    }
                }
            } catch (HazelcastException lost) {
                // The coordinator went away with the cluster's data (a worker holds none): join again.
                progress.said("lost the coordinator; joining again");
            } finally {
                hz.shutdown();
            }
            sleep(RETRY_SECONDS);
        }
        return Outcome.STOPPED;
    }

    /** Serves one coordinator; empty when it went away without finishing the run (join again). */
    private Optional<Outcome> serve(HazelcastInstance hz) {
        AtomicBoolean gone = new AtomicBoolean();
        hz.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                if (Membership.COORDINATOR.equals(event.getMember().getAttribute(Membership.ROLE))) {
                    gone.set(true);
                }
            }
        });
        IMap<String, String> runMap = hz.getMap(Coordinator.RUN);
        JsonNode run = Envelope.open(secret, "run", runMap.get("run")).orElse(null);
        if (run == null) {
            return Optional.empty();
        }
        String id = hz.getCluster().getLocalMember().getUuid().toString();
        EvaluationSpec spec = EvaluationSpec.of(run.path("spec").asText());
        ObjectNode hello = Wire.JSON.createObjectNode();
        hello.put("version", version);
        hello.put("spec", spec.json());
        hello.put("host", Coordinator.hostName());
        hello.put("devices", devices);
        List<Evaluator> devices = List.of();
        try {
            hello.put("data_checksum", checksums.apply(spec));
            devices = evaluators.apply(spec);
        } catch (InvalidInputException e) {
            hello.put("refused", e.getMessage());
        }
        hello.put("slots", Math.max(1, devices.size()));
        hz.<String, String>getMap(Coordinator.WORKERS).put(id, Envelope.seal(secret, "hello", hello));
        JsonNode admission = admission(hz, id, gone);
        if (admission == null) {
            return Optional.empty();
        }
        if (!admission.path("accepted").asBoolean()) {
            refusal = admission.path("reason").asText();
            return Optional.of(Outcome.REFUSED);
        }
        progress.said("admitted by the coordinator at " + join + " as worker " + shortId(id));
        IQueue<String> tasks = hz.getQueue(tasks(id));
        Outcome[] outcome = new Outcome[1];
        List<Thread> threads = new java.util.ArrayList<>();
        for (int d = 0; d < devices.size(); d++) {
            Evaluator evaluator = devices.get(d);
            Thread device = new Thread(() -> {
                try {
                    Outcome ended = takeTasks(hz, id, evaluator, tasks, runMap, gone);
                    synchronized (outcome) {
                        if (outcome[0] == null) {
                            outcome[0] = ended;
                        }
                    }
                } catch (HazelcastException lost) {
                    gone.set(true);
                }
            }, "smartnas-worker-device-" + d);
            device.start();
            threads.add(device);
        }
        for (Thread device : threads) {
            try {
                device.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.of(Outcome.STOPPED);
            }
        }
        if (outcome[0] != null) {
            return Optional.of(outcome[0]);
        }
        progress.said("the coordinator left before the run finished; waiting for it");
        return Optional.empty();
    }

    /**
     * One device's loop: takes the next task and evaluates it, until the run finishes (or the coordinator goes:
     * null), or a stop request comes.
     */
    private Outcome takeTasks(HazelcastInstance hz, String id, Evaluator evaluator, IQueue<String> tasks,
                              IMap<String, String> runMap, AtomicBoolean gone) {
        while (!gone.get()) {
            if (runMap.containsKey("finished")) {
                return Outcome.FINISHED;
            }
            if (Interruption.process().requested()) {
                return Outcome.STOPPED;
            }
            String message;
            try {
                message = tasks.poll(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Outcome.STOPPED;
            }
            if (message == null) {
                continue;
            }
            Optional<JsonNode> task = Envelope.open(secret, "task", message);
            if (task.isPresent() && !work(hz, id, evaluator, task.get())) {
                return Outcome.STOPPED;
            }
        }
        return null;
    }

    /** The coordinator's answer to this worker, or null when the coordinator went away first. */
    private JsonNode admission(HazelcastInstance hz, String id, AtomicBoolean gone) {
        IMap<String, String> admissions = hz.getMap(Coordinator.ADMISSION);
        while (!gone.get() && !Interruption.process().requested()) {
            String answer = admissions.get(id);
            if (answer != null) {
                return Envelope.open(secret, "admission", answer).orElse(null);
            }
            sleep(1);
        }
        return null;
    }

    /** Evaluates one task and sends the result back; false when a stop request cut it (it is handed back). */
    private boolean work(HazelcastInstance hz, String id, Evaluator evaluator, JsonNode body) {
        Path scratch;
        try {
            scratch = Files.createTempDirectory("smartnas-task");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a scratch directory", e);
        }
        IQueue<String> results = hz.getQueue(Coordinator.RESULTS);
        try {
            Wire.Task task = Wire.readTask(body, scratch);
            Assignment a = task.assignment();
            // Every task of a run carries its deadline; the process's devices share it.
            Interruption.process().deadline(task.deadline());
            Evaluation e;
            Map<String, byte[]> files = null;
            try {
                if (task.keep()) {
                    Path model = scratch.resolve("model");
                    e = evaluator.keep(a.config(), a.fidelity(), task.trainingTime(), model);
                    files = e.ok() ? Wire.read(model) : null;
                } else {
                    e = evaluator.evaluate(List.of(a), ignored -> { }).get(0);
                    files = e.ok() && a.checkpoint() != null ? Wire.read(a.checkpoint()) : null;
                }
            } catch (InterruptedRunException stopped) {
                ObjectNode back = Wire.JSON.createObjectNode();
                back.put("task", task.id());
                back.put("worker", id);
                results.add(Envelope.seal(secret, "handback", back));
                return false;
            }
            results.add(Envelope.seal(secret, "result", Wire.result(new Wire.Result(task.id(), id, e, files))));
            return true;
        } finally {
            delete(scratch);
        }
    }

    /** The short form of a worker's id that the coordinator records with each evaluation it measured. */
    static String shortId(String id) {
        return id.substring(0, Math.min(8, id.length()));
    }

    /** The queue of the tasks given to a worker. */
    static String tasks(String worker) {
        return "smartnas.tasks." + worker;
    }

    private static Optional<Member> coordinator(HazelcastInstance hz) {
        return hz.getCluster().getMembers().stream()
                .filter(m -> Membership.COORDINATOR.equals(m.getAttribute(Membership.ROLE))).findFirst();
    }

    private static void sleep(int seconds) {
        try {
            Thread.sleep(seconds * 1000L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // A scratch directory left behind in the temporary folder harms nothing.
        }
    }
}
