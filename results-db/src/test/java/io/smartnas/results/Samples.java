package io.smartnas.results;

import io.smartnas.space.Genomes;
import io.smartnas.space.SearchSpace;
import io.smartnas.space.SmartNetConfig;
import io.smartnas.space.cost.CostModel;
import io.smartnas.space.evaluation.Evaluation;
import io.smartnas.space.evaluation.EvaluationStatus;
import io.smartnas.space.evaluation.ExitMetrics;
import io.smartnas.space.evaluation.Fidelity;
import io.smartnas.space.evaluation.Targets;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Candidates and evaluations for store tests: real configs, made-up measurements. */
public final class Samples {
    public static final Fidelity FIDELITY = new Fidelity(2, 1000);
    private static final SearchSpace SPACE = new SearchSpace(Genomes.SMALL);

    private Samples() {
    }

    public static SmartNetConfig config(int seed) {
        return SPACE.decode(SPACE.random(new Random(seed))).canonical();
    }

    public static CandidateRecord candidate(SmartNetConfig config) {
        return CandidateRecord.of(config, "{\"seed\": 1}");
    }

    public static NewRun run(String name, Targets targets) {
        return new NewRun(name, "genetic", targets, "{\"population\": 8}", "{\"java\": \"17\"}");
    }

    /** An evaluation that ended ok, with the given last-exit accuracy and latency. */
    public static Evaluation ok(SmartNetConfig config, Fidelity fidelity, double accuracy, double latencyMs) {
        var cost = CostModel.of(config);
        List<ExitMetrics> exits = new ArrayList<>();
        for (int e = 0; e < config.size(); e++) {
            double share = (e + 1.0) / config.size();
            exits.add(new ExitMetrics(e, accuracy * share, e == 0 ? Double.NaN : accuracy * share - 0.01,
                    latencyMs * share, 1000 / (latencyMs * share), cost.exits().get(e).params(),
                    cost.exits().get(e).buffers(), cost.exits().get(e).macs()));
        }
        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return new Evaluation(config.id(), fidelity, EvaluationStatus.OK, exits, cost.bytes(), false, "cpu()", start,
                start.plusSeconds(3), "", Map.of("seed", "7", "engine", "test"), 0.6 * latencyMs);
    }

    public static Evaluation unsuccessful(SmartNetConfig config, Fidelity fidelity, EvaluationStatus status) {
        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return Evaluation.unsuccessful(config.id(), fidelity, status, "because " + status.label(), "cpu()", start,
                start.plusSeconds(1), Map.of());
    }
}
