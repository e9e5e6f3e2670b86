package io.smartnas.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.collection.IQueue;
import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import io.smartnas.space.InvalidInputException;
import io.smartnas.space.SmartNetConfig;
import io.smartnas.space.evaluation.Assignment;
import io.smartnas.space.evaluation.Evaluation;
import io.smartnas.space.evaluation.EvaluationStatus;
import io.smartnas.space.evaluation.Evaluator;
import io.smartnas.space.evaluation.Fidelity;
import io.smartnas.space.evaluation.Interruption;
import io.smartnas.space.run.EvaluationSpec;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The search's end of a cluster: a Hazelcast member that publishes the run's evaluation spec, admits the workers that
 * join (same version, same data, the key), and dispatches the search's candidates to them, one at a time per worker,
 * the next to whichever worker is free. It is the only process that writes the results: a worker sends each
 * evaluation back, signed, and the search stores it. A worker that dies mid-evaluation (declared dead after
 * {@link Membership#DEAD_AFTER_SECONDS} without heartbeats) has its candidate given to another; a candidate that
 * failed on {@link #ATTEMPTS} workers is stored as failed. The coordinator's own devices take part through
 * {@code local} (unless there is none). Results are matched to the task they answer by an id fresh to this
 * coordinator, so a result of a task sent before a restart, or a forged one, is dropped.
 *
 * <p>Thread-safe where it must be: listeners and the result pump only post events; one thread at a time (the
 * search's) runs the evaluator, which handles them.
 */
public final class Coordinator implements AutoCloseable {
    /** The provenance key that names the worker (host, id, devices) that measured an evaluation. */
    public static final String MEASURED_BY = "worker";
    /** How many workers a candidate may fail on (or die on) before it is stored as failed. */
    public static final int ATTEMPTS = 3;
    static final String RUN = "smartnas.run";
    static final String WORKERS = "smartnas.workers";
    static final String ADMISSION = "smartnas.admission";
    static final String RESULTS = "smartnas.results";
    static final String LOCAL = "local";
    /** The most devices one worker may bring. */
    static final int MOST_DEVICES = 64;
    /** Seconds a finished run's workers get to see that it finished and leave. */
    static final int LEAVING_SECONDS = 5;

    /** Something that happened, handled on the search's thread. */
    private sealed interface Event permits Hello, Gone, Arrival, Handback {
    }

    private record Hello(String worker, JsonNode body) implements Event {
    }

    private record Gone(String worker) implements Event {
    }

    private record Arrival(Wire.Result result) implements Event {
    }

    private record Handback(String task, String worker) implements Event {
    }

    /** One device of a worker admitted to the run, and the task it is on (null when free). */
    private static final class Slot {
        final String worker;
        final String host;
        String task;

        Slot(String worker, String host) {
            this.worker = worker;
            this.host = host;
        }
    }

    /** A task of the batch in hand: where it stands. */
    private static final class Job {
        final Wire.Task task;
        final Consumer<Wire.Result> done;
        /** Where a final training's model goes, or null. */
        Path keepDir;
        final Set<String> failedOn = new HashSet<>();
        int attempts;
        String lastError = "";

        Job(Wire.Task task, Consumer<Wire.Result> done) {
            this.task = task;
            this.done = done;
        }
    }

    private final HazelcastInstance hz;
    private final Secret secret;
    private final EvaluationSpec spec;
    private final String version;
    private final Evaluator local;
    private final ClusterProgress progress;
    private final String session = UUID.randomUUID().toString().substring(0, 8);
    private final AtomicInteger sequence = new AtomicInteger();
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    /** Every admitted worker's devices, in the order they joined. */
    private final List<Slot> slots = new ArrayList<>();
    private final Map<String, Job> jobs = new LinkedHashMap<>();
    private final Deque<Job> pending = new ArrayDeque<>();
    private final ExecutorService localRunner;
    private final Thread pump;
    private final AtomicInteger forged = new AtomicInteger();
    private final String host = hostName();

    private Coordinator(HazelcastInstance hz, Secret secret, EvaluationSpec spec, String version, Evaluator local,
                        ClusterProgress progress) {
        this.hz = hz;
        this.secret = secret;
        this.spec = spec;
        this.version = version;
        this.local = local;
        this.progress = progress;
        this.localRunner = local == null ? null : Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "smartnas-local-worker");
            t.setDaemon(true);
            return t;
        });
        if (local != null) {
            slots.add(new Slot(LOCAL, host + " (this machine)"));
        }
        this.pump = new Thread(this::pumpResults, "smartnas-results");
        this.pump.setDaemon(true);
    }

    /**
     * Opens the cluster on {@code bind:port} and publishes the run.
     *
     * @param local the coordinator's own evaluator, or null to leave every candidate to the workers
     * @throws InvalidInputException if {@code bind} is beyond loopback and {@code secret} came from no file given
     */
    public static Coordinator open(Secret secret, String bind, int port, EvaluationSpec spec, String version,
                                   Evaluator local, ClusterProgress progress) {
        HazelcastInstance hz = Membership.start(secret, bind, port, null, false, progress::said);
        Coordinator c = new Coordinator(hz, secret, spec, version, local, progress);
        c.publish();
        return c;
    }

    private void publish() {
        ObjectNode run = Wire.JSON.createObjectNode();
        run.put("version", version);
        run.put("spec", spec.json());
        IMap<String, String> runMap = hz.getMap(RUN);
        runMap.put("run", Envelope.seal(secret, "run", run));
        IMap<String, String> workers = hz.getMap(WORKERS);
        workers.addEntryListener((EntryAddedListener<String, String>) this::hello, true);
        workers.addEntryListener((EntryUpdatedListener<String, String>) this::hello, true);
        hz.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                events.add(new Gone(event.getMember().getUuid().toString()));
            }
        });
        for (Map.Entry<String, String> already : workers.entrySet()) {
            Envelope.open(secret, "hello", already.getValue()).ifPresent(b -> events.add(new Hello(already.getKey(),
                    b)));
        }
        pump.start();
    }

    private void hello(EntryEvent<String, String> event) {
        Envelope.open(secret, "hello", event.getValue()).ifPresentOrElse(
                body -> events.add(new Hello(event.getKey(), body)), forged::incrementAndGet);
    }

    /** Takes signed results and hand-backs off the results queue; drops (and counts) anything forged. */
    private void pumpResults() {
        IQueue<String> results = hz.getQueue(RESULTS);
        try {
            while (!Thread.currentThread().isInterrupted()) {
                String message = results.poll(1, TimeUnit.SECONDS);
                if (message == null) {
                    continue;
                }
                var result = Envelope.open(secret, "result", message);
                if (result.isPresent()) {
                    events.add(new Arrival(Wire.readResult(result.get())));
                    continue;
                }
                var handback = Envelope.open(secret, "handback", message);
                if (handback.isPresent()) {
                    events.add(new Handback(handback.get().path("task").asText(),
                            handback.get().path("worker").asText()));
                } else {
                    forged.incrementAndGet();
                }
            }
        } catch (InterruptedException | HazelcastInstanceNotActiveException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Messages refused because their signature did not hold. */
    public int forged() {
        return forged.get();
    }

    /** Devices of the workers admitted now, the coordinator's own included. */
    public int workers() {
        return slots.size();
    }

    /**
     * Handles joins until {@code count} workers are admitted (the coordinator's own devices included) or {@code wait}
     * has passed; a search need not call it, since joins are handled while it evaluates.
     *
     * @return whether they were
     */
    public boolean awaitWorkers(int count, Duration wait) {
        Instant until = Instant.now().plus(wait);
        while (slots.size() < count && Instant.now().isBefore(until)) {
            try {
                Event event = events.poll(200, TimeUnit.MILLISECONDS);
                if (event != null) {
                    handle(event);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return slots.size() >= count;
    }

    /** The evaluator the search gives its candidates to: each goes to the next free worker. */
    public Evaluator evaluator() {
        return new Evaluator.Spreading() {
            @Override
            public List<Evaluation> evaluate(List<Assignment> batch, MoreWork more, Consumer<Evaluation> onResult) {
                Evaluation[] results = new Evaluation[batch.size()];
                AtomicInteger open = new AtomicInteger();
                for (int i = 0; i < batch.size(); i++) {
                    int index = i;
                    submit(batch.get(i), open, onResult, e -> results[index] = e);
                }
                run(open, more == MoreWork.NONE ? null
                        : () -> more.next().ifPresent(extra -> submit(extra, open, onResult, e -> { })));
                return Arrays.asList(results);
            }

            @Override
            public Evaluation keep(SmartNetConfig config, Fidelity fidelity, Duration trainingTime, Path modelDir) {
                Evaluation[] kept = new Evaluation[1];
                AtomicInteger open = new AtomicInteger(1);
                submitKeeping(modelDir, new Wire.Task(session + "-" + sequence.incrementAndGet(), 0, Assignment.fresh(config,
                        fidelity), deadline(), true, trainingTime), result -> {
                    kept[0] = result.evaluation();
                    if (result.evaluation().ok() && result.files() != null) {
                        Wire.write(modelDir, result.files());
                    }
                    open.decrementAndGet();
                });
                run(open, null);
                return kept[0];
            }
        };
    }

    private static Instant deadline() {
        Duration left = Interruption.process().timeLeft();
        return left == null ? null : Instant.now().plus(left);
    }

    /** An assignment of a batch (or extra work): its result, with its checkpoint written, goes to both consumers. */
    private void submit(Assignment a, AtomicInteger open, Consumer<Evaluation> onResult, Consumer<Evaluation> then) {
        open.incrementAndGet();
        submit(new Wire.Task(session + "-" + sequence.incrementAndGet(), 0, a, deadline(), false, null), result -> {
            if (a.checkpoint() != null && result.files() != null && result.evaluation().ok()) {
                Wire.write(a.checkpoint(), result.files());
            }
            then.accept(result.evaluation());
            onResult.accept(result.evaluation());
            open.decrementAndGet();
        });
    }

    private void submit(Wire.Task task, Consumer<Wire.Result> done) {
        Job job = new Job(task, done);
        jobs.put(task.id(), job);
        pending.add(job);
    }

    private void submitKeeping(Path modelDir, Wire.Task task, Consumer<Wire.Result> done) {
        submit(task, done);
        jobs.get(task.id()).keepDir = modelDir;
    }

    /**
     * Dispatches and handles events until every job of the batch is done and {@code spare} (null for none), asked to
     * add work while a device is free and nothing is pending, adds none (or the run's time is up). With no device
     * free, it waits: for a job to end, or for a worker to join.
     */
    private void run(AtomicInteger open, Runnable spare) {
        while (true) {
            Interruption.process().checkRequested();
            if (Interruption.process().timeUp()) {
                for (Job job : List.copyOf(pending)) {
                    pending.remove(job);
                    finish(job, unsuccessful(job, EvaluationStatus.CUT, "not started: the run's time was up"));
                }
            }
            boolean dry = spare == null;
            while (spare != null && pending.isEmpty() && slots.stream().anyMatch(slot -> slot.task == null) && !Interruption.process().timeUp()) {
                int before = jobs.size();
                spare.run();
                if (jobs.size() == before) {
                    dry = true;
                    break;
                }
                dispatch();
            }
            dispatch();
            if (open.get() == 0 && (dry || Interruption.process().timeUp())) {
                return;
            }
            progress.workers(slots.size(), (int) slots.stream().filter(s -> s.task != null).count());
            Event event;
            try {
                event = events.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for workers", e);
            }
            if (event != null) {
                handle(event);
            }
        }
    }

    /** Gives each free worker the next pending job it has not failed. */
    private void dispatch() {
        Set<String> workers = new HashSet<>();
        slots.forEach(s -> workers.add(s.worker));
        for (Slot slot : slots) {
            if (slot.task != null) {
                continue;
            }
            // A job goes back to a worker it failed on only when it failed on every worker there is.
            Job job = pending.stream().filter(j -> !j.failedOn.contains(slot.worker)
                    || j.failedOn.containsAll(workers)).findFirst().orElse(null);
            if (job == null) {
                continue;
            }
            pending.remove(job);
            slot.task = job.task.id();
            Wire.Task task = new Wire.Task(job.task.id(), job.attempts, job.task.assignment(), job.task.deadline(),
                    job.task.keep(), job.task.trainingTime());
            if (slot.worker.equals(LOCAL)) {
                runLocally(task, job.keepDir);
            } else {
                hz.<String>getQueue(Worker.tasks(slot.worker)).add(Envelope.seal(secret, "task", Wire.task(task)));
            }
        }
    }

    /** Runs a task on the coordinator's own devices, which read and write the run's directories themselves. */
    private void runLocally(Wire.Task task, Path keepDir) {
        localRunner.submit(() -> {
            Assignment a = task.assignment();
            Evaluation e;
            try {
                e = task.keep() ? local.keep(a.config(), a.fidelity(), task.trainingTime(), keepDir)
                        : local.evaluate(List.of(a), ignored -> { }).get(0);
            } catch (RuntimeException failure) {
                Instant now = Instant.now();
                e = Evaluation.unsuccessful(a.config().id(), a.fidelity(), EvaluationStatus.FAILED,
                        String.valueOf(failure.getMessage()), "", now, now, Map.of());
            }
            events.add(new Arrival(new Wire.Result(task.id(), LOCAL, e, null)));
        });
    }

    private void handle(Event event) {
        if (event instanceof Hello hello) {
            admit(hello);
        } else if (event instanceof Gone gone) {
            List<Slot> lost = slots.stream().filter(s -> s.worker.equals(gone.worker())).toList();
            slots.removeAll(lost);
            for (Slot slot : lost) {
                if (slot.task != null) {
                    retry(jobs.get(slot.task), slot.worker, "worker " + slot.host + " left mid-evaluation");
                }
            }
            if (!lost.isEmpty()) {
                hz.getMap(WORKERS).remove(gone.worker());
                progress.said("worker " + lost.get(0).host + " left");
            }
        } else if (event instanceof Handback back) {
            Slot slot = holding(back.worker(), back.task());
            Job job = jobs.get(back.task());
            if (slot != null && job != null) {
                slot.task = null;
                pending.addFirst(job);
            }
        } else if (event instanceof Arrival arrival) {
            arrived(arrival.result());
        }
    }

    private void admit(Hello hello) {
        JsonNode body = hello.body();
        String reason = null;
        if (!version.equals(body.path("version").asText())) {
            reason = "it runs SmartNAS " + body.path("version").asText() + ", the coordinator " + version;
        } else if (!spec.json().equals(body.path("spec").asText())) {
            reason = "it evaluates another run description than the coordinator's";
        } else if (spec.dataChecksum() != null && !spec.dataChecksum().equals(body.path("data_checksum").asText())) {
            reason = "its data (" + body.path("data_checksum").asText() + ") is not the run's ("
                    + spec.dataChecksum() + ")";
        } else if (!body.path("refused").asText("").isEmpty()) {
            reason = body.path("refused").asText();
        }
        ObjectNode answer = Wire.JSON.createObjectNode();
        answer.put("accepted", reason == null);
        answer.put("reason", reason == null ? "" : reason);
        hz.<String, String>getMap(ADMISSION).put(hello.worker(), Envelope.seal(secret, "admission", answer));
        String name = body.path("host").asText() + " " + Worker.shortId(hello.worker()) + " "
                + body.path("devices").asText();
        if (reason == null && slots.stream().noneMatch(s -> s.worker.equals(hello.worker()))) {
            int devices = Math.max(1, Math.min(MOST_DEVICES, body.path("slots").asInt(1)));
            for (int d = 0; d < devices; d++) {
                slots.add(new Slot(hello.worker(), name));
            }
            progress.said("worker " + name + " joined");
        } else if (reason == null) {
            return;
        } else {
            progress.said("worker " + name + " refused: " + reason);
        }
    }

    private void arrived(Wire.Result result) {
        Slot slot = holding(result.worker(), result.taskId());
        Job job = jobs.get(result.taskId());
        if (job == null || slot == null
                || !result.evaluation().configId().equals(job.task.assignment().config().id())) {
            return; // a result of a task this coordinator did not give that worker, or one already answered
        }
        slot.task = null;
        if (result.evaluation().status() == EvaluationStatus.FAILED) {
            retry(job, slot.worker, result.evaluation().error());
            return;
        }
        finish(job, withWorker(result, slot));
    }

    /** Gives a job another attempt on another worker, or, after {@link #ATTEMPTS}, stores it as failed. */
    private void retry(Job job, String worker, String why) {
        if (job == null) {
            return;
        }
        job.attempts++;
        job.failedOn.add(worker);
        job.lastError = why;
        if (job.attempts >= ATTEMPTS) {
            finish(job, unsuccessful(job, EvaluationStatus.FAILED, "failed on " + ATTEMPTS + " workers; last: "
                    + why));
        } else {
            pending.addFirst(job);
        }
    }

    private void finish(Job job, Wire.Result result) {
        jobs.remove(job.task.id());
        job.done.accept(result);
    }

    private Wire.Result unsuccessful(Job job, EvaluationStatus status, String reason) {
        Assignment a = job.task.assignment();
        Instant now = Instant.now();
        return new Wire.Result(job.task.id(), "", Evaluation.unsuccessful(a.config().id(), a.fidelity(), status,
                reason, "", now, now, Map.of("attempts", String.valueOf(job.attempts))), null);
    }

    /** The result with the worker that measured it in its provenance. */
    private static Wire.Result withWorker(Wire.Result r, Slot slot) {
        Evaluation e = r.evaluation();
        Map<String, String> provenance = new HashMap<>(e.provenance());
        provenance.put(MEASURED_BY, slot.host);
        return new Wire.Result(r.taskId(), r.worker(), e.withProvenance(provenance), r.files());
    }

    static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    /**
     * Tells the workers the run is finished, so that they leave instead of waiting for a coordinator to resume it,
     * and gives them {@link #LEAVING_SECONDS} to read it and leave.
     */
    public void finished() {
        hz.<String, String>getMap(RUN).put("finished", "true");
        Instant until = Instant.now().plusSeconds(LEAVING_SECONDS);
        while (Instant.now().isBefore(until) && hz.getCluster().getMembers().stream()
                .anyMatch(m -> Membership.WORKER.equals(m.getAttribute(Membership.ROLE)))) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Stops at once, as a killed coordinator would: for tests. */
    void terminate() {
        pump.interrupt();
        hz.getLifecycleService().terminate();
    }

    @Override
    public void close() {
        pump.interrupt();
        if (localRunner != null) {
            localRunner.shutdownNow();
        }
        hz.shutdown();
    }

    /** For tests: the pending and in-flight jobs. */
    int open() {
        return jobs.size();
    }

    /** The device of {@code worker} that is on {@code task}, or null. */
    private Slot holding(String worker, String task) {
        return slots.stream().filter(s -> s.worker.equals(worker) && task.equals(s.task)).findFirst().orElse(null);
    }
}
