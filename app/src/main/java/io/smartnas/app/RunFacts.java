package io.smartnas.app;

import io.smartnas.results.FinalModel;
import io.smartnas.results.RunSummary;
import io.smartnas.results.StoredEvaluation;
import io.smartnas.space.evaluation.Evaluation;
import io.smartnas.space.evaluation.Targets;
import io.smartnas.space.run.RunDescription;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The head of a run's report, as named facts: the run, its data, the device and the machine's load while candidates
 * were timed, the targets, the budget and how much of it the run used, what became of the candidates, and the best.
 */
final class RunFacts {
    private RunFacts() {
    }

    static Map<String, String> of(RunSummary run, RunDescription description, List<StoredEvaluation> evaluations,
                                  Optional<FinalModel> model) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("run", String.format(Locale.ROOT, "%d, %s: %s search%s, %s", run.id(), run.name(), run.strategy(),
                description.preset() == null ? "" : " (preset " + description.preset() + ")", run.status().label()));
        facts.put("when", run.created() + (run.finished() == null ? " (not ended)" : " to " + run.finished() + " ("
                + minutes(Duration.between(run.created(), run.finished())) + ")"));
        facts.put("data", description.data() + (description.input() == null ? "" : ", images " + description.input()
                .stream().map(String::valueOf).collect(Collectors.joining("x"))) + (description.dataChecksum() == null
                ? "" : ", checksum " + description.dataChecksum().substring(0, Math.min(12,
                description.dataChecksum().length()))));
        List<Evaluation> ok = evaluations.stream().map(StoredEvaluation::evaluation).filter(Evaluation::ok).toList();
        facts.put("device", device(description, ok));
        facts.put("load while timing", load(ok));
        facts.put("targets", targets(run.targets()));
        facts.put("budget", budget(run, description, evaluations));
        facts.put("candidates", outcomes(run, evaluations));
        facts.put("best", best(run, model));
        return facts;
    }

    private static String device(RunDescription description, List<Evaluation> ok) {
        String devices = ok.stream().map(Evaluation::device).distinct().collect(Collectors.joining(", "));
        String cpu = ok.stream().map(e -> e.provenance().get("cpu")).filter(Objects::nonNull).findFirst().orElse(null);
        String engine = ok.stream().map(e -> e.provenance().get("engine")).filter(Objects::nonNull).findFirst()
                .orElse(null);
        List<String> parts = new ArrayList<>();
        parts.add(devices.isEmpty() ? String.valueOf(description.device()) : devices);
        if (cpu != null) {
            parts.add(cpu);
        }
        if (engine != null) {
            parts.add(engine);
        }
        return String.join("; ", parts);
    }

    /**
     * The other cores' load and the load average while each candidate was timed: median and most, and how often
     * heavy.
     */
    private static String load(List<Evaluation> ok) {
        double[] cores = values(ok, "latency_other_cores");
        double[] average = values(ok, "latency_load_average");
        if (cores.length == 0) {
            return "not recorded";
        }
        long heavy = ok.stream().filter(e -> "true".equals(e.provenance().get("latency_under_load"))).count();
        return String.format(Locale.ROOT, "other cores busy %.2f (median) to %.2f (most), load average %.2f to %.2f; "
                        + "%d of %d candidate(s) timed under heavy load", median(cores), max(cores), median(average),
                max(average), heavy, ok.size());
    }

    private static double[] values(List<Evaluation> ok, String key) {
        return ok.stream().map(e -> e.provenance().get(key)).filter(Objects::nonNull).mapToDouble(v -> {
            try {
                return Double.parseDouble(v);
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }).filter(v -> !Double.isNaN(v)).sorted().toArray();
    }

    private static double median(double[] sorted) {
        return sorted.length == 0 ? Double.NaN : sorted[sorted.length / 2];
    }

    private static double max(double[] sorted) {
        return Arrays.stream(sorted).max().orElse(Double.NaN);
    }

    private static String targets(Targets t) {
        List<String> parts = new ArrayList<>();
        if (t.maxParams() != null) {
            parts.add(String.format(Locale.ROOT, "at most %,d parameters", t.maxParams()));
        }
        if (t.maxBytes() != null) {
            parts.add(String.format(Locale.ROOT, "at most %.1f KB of parameters", t.maxBytes() / 1024.0));
        }
        if (t.maxLatencyMs() != null) {
            parts.add(String.format(Locale.ROOT, "at most %s ms per image (%s)", Charts.number(t.maxLatencyMs()),
                    t.latencyMode().label()));
        }
        if (t.minAccuracy() != null) {
            parts.add(String.format(Locale.ROOT, "at least %.1f%% validation accuracy", 100 * t.minAccuracy()));
        }
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }

    private static String budget(RunSummary run, RunDescription description, List<StoredEvaluation> evaluations) {
        List<String> parts = new ArrayList<>();
        if (description.time() != null) {
            parts.add("time " + description.time() + (run.finished() == null ? "" : ", used "
                    + minutes(Duration.between(run.created(), run.finished()))));
        }
        parts.add(String.format(Locale.ROOT, "evaluations: at most %d, %d stored", description.evaluations(),
                evaluations.size()));
        return String.join("; ", parts);
    }

    private static String outcomes(RunSummary run, List<StoredEvaluation> evaluations) {
        Map<String, Long> byStatus = evaluations.stream().collect(Collectors.groupingBy(e -> e.evaluation().status()
                .label(), TreeMap::new, Collectors.counting()));
        return String.format(Locale.ROOT, "%d measured, %d feasible; evaluations by outcome: %s", run.evaluations(),
                run.feasible(), byStatus.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                        .collect(Collectors.joining(", ")));
    }

    private static String best(RunSummary run, Optional<FinalModel> model) {
        if (run.bestConfigId() == null) {
            return "no candidate met the targets";
        }
        String text = String.format(Locale.ROOT, "%s at %.2f%% validation accuracy (at the search's fidelity)",
                run.bestConfigId(), 100 * run.bestAccuracy());
        if (model.isPresent() && model.get().evaluation().evaluation().ok()) {
            Evaluation e = model.get().evaluation().evaluation();
            text += String.format(Locale.ROOT, "; final model %s trained again (%s): %.2f%% on the test images",
                    e.configId(), e.trained(), 100 * e.lastExit().testAccuracy());
        } else if (model.isPresent()) {
            text += "; its final training ended " + model.get().evaluation().evaluation().status().label();
        }
        return text;
    }

    private static String minutes(Duration d) {
        return String.format(Locale.ROOT, "%d min %02d s", d.toMinutes(), d.toSecondsPart());
    }
}
