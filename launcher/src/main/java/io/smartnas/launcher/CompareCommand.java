package io.smartnas.launcher;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.smartnas.app.Charts;
import io.smartnas.results.ResultStore;
import io.smartnas.search.Comparison;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/** {@code smartnas compare}: best-so-far curves of runs and whether two strategies differ significantly. */
@Command(name = "compare", footer = {"  smartnas compare 1 2 3 4"},
        description = "Prints the best feasible accuracy against evaluations for each run and, for repeated runs of "
                + "two strategies, whether their final bests differ (two-sided Mann-Whitney U); --out also plots "
                + "the curves.")
final class CompareCommand extends Subcommand {
    @Parameters(arity = "1..*", paramLabel = "RUN", description = "Run ids.")
    private List<Long> runs;

    @Mixin
    private DbOption db;

    @Option(names = "--json", description = "Print one JSON object.")
    private boolean json;

    @Option(names = "--out", paramLabel = "DIR", description = "Also plot the runs' best-so-far curves in one "
            + "plot against evaluations and one against time: best-by-evaluations.png, best-by-time.png.")
    private Path plots;

    @Override
    void run() throws IOException {
        OutputDirectory.check("--out", plots);
        Comparison comparison;
        try (ResultStore store = db.readOnly()) {
            comparison = Comparison.of(store, runs);
        }
        if (plots != null) {
            Files.createDirectories(plots);
            Charts.saveBestSoFar(comparison.curves(), false, plots.resolve("best-by-evaluations.png"));
            Charts.saveBestSoFar(comparison.curves(), true, plots.resolve("best-by-time.png"));
        }
        PrintWriter out = out();
        if (json) {
            Comparison.Test t = comparison.test();
            Map<String, Double> test = t == null ? null : new LinkedHashMap<>(Map.of(t.first(), t.firstMean()));
            if (t != null) {
                test.put(t.second(), t.secondMean());
                test.put("p", t.p());
            }
            out.println(Json.line(new Compared(comparison.curves().stream().map(c -> new CurveView(c.runId(),
                    c.strategy(), c.last(), Arrays.stream(c.bestSoFar()).boxed().toList())).toList(), test)));
        } else {
            print(out, comparison);
        }
    }

    private static void print(PrintWriter out, Comparison comparison) {
        List<String> header = new ArrayList<>(List.of("evaluations"));
        comparison.curves().forEach(c -> header.add("run " + c.runId() + " (" + c.strategy() + ")"));
        Table table = new Table(header.toArray(String[]::new));
        int longest = comparison.curves().stream().mapToInt(c -> c.bestSoFar().length).max().orElse(0);
        TreeSet<Integer> checkpoints = new TreeSet<>();
        for (int n = 1; n <= longest; n = n < 10 ? n + 1 : n * 2) {
            checkpoints.add(n);
        }
        checkpoints.add(longest);
        checkpoints.remove(0);
        for (int n : checkpoints) {
            List<Object> row = new ArrayList<>(List.of(n));
            for (Comparison.Curve c : comparison.curves()) {
                double v = n <= c.bestSoFar().length ? c.bestSoFar()[n - 1] : Double.NaN;
                row.add(Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.4f", v));
            }
            table.row(row.toArray());
        }
        out.println("best feasible validation accuracy after N evaluations:");
        table.print(out, "  ");
        Comparison.Test t = comparison.test();
        if (t == null) {
            out.println("(a significance test needs runs of two strategies, at least two of each)");
        } else {
            out.printf(Locale.ROOT, "final best: %s %.4f (%d runs) vs %s %.4f (%d runs); Mann-Whitney U p = %.4g%s%n",
                    t.first(), t.firstMean(), t.firstRuns(), t.second(), t.secondMean(), t.secondRuns(), t.p(),
                    t.p() < 0.05 ? " (significant at 5%)" : " (not significant at 5%)");
        }
    }

    /** What {@code --json} prints: each run's curve, and the test when there is one. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    private record Compared(List<CurveView> runs, Map<String, Double> test) {
    }

    private record CurveView(long run, String strategy, double finalBest, List<Double> bestSoFar) {
    }
}
