package io.smartnas.search;

import io.smartnas.results.H2Database;
import io.smartnas.results.ResultStore;
import io.smartnas.space.SmartNetConfig;
import io.smartnas.space.evaluation.Evaluation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * A search in its own JVM, for the kill-and-resume test. It prints each generation and measurement as it happens, and
 * in generation 2, after two candidates, blocks reading standard input, so that the test kills it mid-generation.
 */
public final class SearchProcess {
    static final SearchSettings SETTINGS = TestSettings.of(Strategy.GENETIC, 4, 8, 40, TestSettings.TARGETS);

    private SearchProcess() {
    }

    public static void main(String[] args) {
        int[] generation = {0};
        int[] measuredInGeneration = {0};
        SyntheticEvaluator evaluator = new SyntheticEvaluator() {
            @Override
            void before(SmartNetConfig config) {
                if (generation[0] == 2 && measuredInGeneration[0] == 2) {
                    System.out.println("blocked");
                    System.out.flush();
                    try {
                        System.in.read();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        };
        SearchProgress progress = new SearchProgress() {
            @Override
            public void generation(int index, int candidates) {
                generation[0] = index;
                measuredInGeneration[0] = 0;
                System.out.println("generation " + index);
            }

            @Override
            public void measured(Evaluation evaluation, long params, boolean feasible, int done, int budget) {
                measuredInGeneration[0]++;
                System.out.println("measured " + evaluation.configId());
                System.out.flush();
            }
        };
        try (ResultStore store = H2Database.open(Path.of(args[0]), true)) {
            new Search(store, evaluator, SETTINGS, progress).start("killed", "{}", "{}");
        }
    }
}
