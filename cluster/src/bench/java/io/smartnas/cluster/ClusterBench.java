package io.smartnas.cluster;

import io.smartnas.space.Cell;
import io.smartnas.space.SmartNetConfig;
import io.smartnas.space.evaluation.Assignment;
import io.smartnas.space.evaluation.Evaluation;
import io.smartnas.space.evaluation.EvaluationStatus;
import io.smartnas.space.evaluation.Evaluator;
import io.smartnas.space.evaluation.ExitMetrics;
import io.smartnas.space.evaluation.Fidelity;
import io.smartnas.space.run.EvaluationSpec;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The cluster's dispatch measured with simulated workers (not a test): a coordinator and worker members in this
 * process, on loopback, each worker bringing several simulated devices whose "training" sleeps a random 1-10 s. The
 * search's side asks for batches of {@code 4 x devices} candidates, as a generation larger than the workers; with
 * {@code promote}, a third of the candidates measured come due for a promotion, which devices the batch leaves free
 * take at once (as the search's asynchronous successive halving offers them); with {@code asynchronous}, there are no
 * batches: one call hands a new candidate to every device as soon as it is free, as the asynchronous strategy does.
 * Prints, for each number of devices: evaluations per hour, device utilisation (time busy over time available), and
 * CPU time per evaluation.
 *   bench/jvm-bench.sh cluster io.smartnas.cluster.ClusterBench SECONDS barrier|promote|asynchronous DEVICES...
 */
public final class ClusterBench {
    /** Candidates per device in a batch (a generation); {@code -Dper.device=8} for more. */
    private static final int PER_DEVICE = Integer.getInteger("per.device", 4);

    private ClusterBench() {
    }

    /** Sleeps a random 1-10 s per candidate and counts the time it was busy. */
    static final class Simulated implements Evaluator {
        static final AtomicLong BUSY_NANOS = new AtomicLong();
        private final Random random;

        Simulated(long seed) {
            random = new Random(seed);
        }

        @Override
        public List<Evaluation> evaluate(List<Assignment> batch, Consumer<Evaluation> onResult) {
            Assignment a = batch.get(0);
            long start = System.nanoTime();
            try {
                Thread.sleep(1000 + random.nextInt(9001));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            BUSY_NANOS.addAndGet(System.nanoTime() - start);
            Instant now = Instant.now();
            return List.of(new Evaluation(a.config().id(), a.fidelity(), EvaluationStatus.OK,
                    List.of(new ExitMetrics(0, 0.5, Double.NaN, 1, 1, 10, 0, 100)), 40, false, "sim", now, now, "",
                    Map.of(), Double.NaN));
        }

        @Override
        public Evaluation keep(SmartNetConfig config, Fidelity fidelity, Duration trainingTime, Path modelDir) {
            throw new UnsupportedOperationException();
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    public static void main(String[] args) throws Exception {
        int seconds = Integer.parseInt(args[0]);
        String mode = args[1];
        if (!List.of("barrier", "promote", "asynchronous").contains(mode)) {
            throw new IllegalArgumentException("mode: barrier, promote or asynchronous, not " + mode);
        }
        for (int i = 2; i < args.length; i++) {
            run(seconds, mode, Integer.parseInt(args[i]));
        }
        System.exit(0);
    }

    /** A distinct tiny candidate for each serial number. */
    private static Assignment candidate(int serial, int subset) {
        return Assignment.fresh(new SmartNetConfig(WireTest.NET.input(), 4, 8, 4, 1, List.of(1 + serial % 200),
                List.of(new Cell(0, 0, 1 + serial / 200, List.of()))), new Fidelity(1, subset));
    }

    private static void run(int seconds, String mode, int devices) throws Exception {
        int port = 6101;
        int members = devices <= 4 ? 1 : 4;
        int perMember = devices / members;
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        try (Coordinator coordinator = Coordinator.open(InProcessClusterTest.KEY, "127.0.0.1", port,
                InProcessClusterTest.SPEC, "bench", null, ClusterProgress.NONE)) {
            for (int m = 0; m < members; m++) {
                int member = m;
                Worker worker = new Worker(InProcessClusterTest.KEY, "127.0.0.1:" + port, "127.0.0.1", port + 1,
                        "bench", spec -> {
                            List<Evaluator> list = new ArrayList<>();
                            for (int d = 0; d < perMember; d++) {
                                list.add(new Simulated(member * 1000L + d));
                            }
                            return list;
                        }, spec -> "sha256:test", "sim x" + perMember, ClusterProgress.NONE);
                Thread t = new Thread(worker::run);
                t.setDaemon(true);
                t.start();
            }
            if (!coordinator.awaitWorkers(devices, Duration.ofSeconds(120))) {
                throw new IllegalStateException("only " + coordinator.workers() + " devices joined");
            }
            Simulated.BUSY_NANOS.set(0);
            long cpuBefore = cpu.getCurrentThreadCpuTime();
            long processBefore = processCpuNanos();
            long start = System.nanoTime();
            long end = start + seconds * 1_000_000_000L;
            int evaluations = 0;
            int serial = 0;
            if (mode.equals("asynchronous")) {
                int[] counts = new int[2];
                coordinator.evaluator().evaluate(List.of(), () -> System.nanoTime() < end
                        ? java.util.Optional.of(candidate(++counts[0], 100)) : java.util.Optional.empty(),
                        e -> counts[1]++);
                evaluations = counts[1];
            }
            while (!mode.equals("asynchronous") && System.nanoTime() < end) {
                boolean promote = mode.equals("promote");
                List<Assignment> batch = new ArrayList<>();
                for (int k = 0; k < PER_DEVICE * devices; k++) {
                    batch.add(candidate(++serial, 100));
                }
                java.util.Deque<Assignment> due = new java.util.ArrayDeque<>();
                int[] measured = new int[1];
                coordinator.evaluator().evaluate(batch, () -> java.util.Optional.ofNullable(due.poll()), e -> {
                    measured[0]++;
                    if (promote && e.configId().hashCode() % 3 == 0 && e.fidelity().subset() == 100) {
                        due.add(Assignment.fresh(batch.stream().filter(a -> a.config().id().equals(e.configId()))
                                .findFirst().orElseThrow().config(), new Fidelity(1, 300)));
                    }
                });
                evaluations += measured[0];
            }
            double wall = (System.nanoTime() - start) / 1e9;
            double coordinatorCpu = (cpu.getCurrentThreadCpuTime() - cpuBefore) / 1e6;
            double processCpu = (processCpuNanos() - processBefore) / 1e6;
            double utilisation = Simulated.BUSY_NANOS.get() / 1e9 / (wall * devices);
            System.out.printf(Locale.ROOT, mode + ", %d devices (%d worker member(s)): %d evaluations in %.0f s, %.0f per hour, "
                    + "utilisation %.1f%%, CPU per evaluation: dispatching thread %.2f ms, whole process (every "
                    + "member's Hazelcast) %.2f ms%n", devices, members, evaluations, wall, evaluations * 3600 / wall,
                    100 * utilisation, coordinatorCpu / evaluations, processCpu / evaluations);
            coordinator.finished();
        }
    }
}
