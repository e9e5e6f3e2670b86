package io.smartnas.search;

import io.smartnas.results.H2Database;
import io.smartnas.results.ResultStore;
import io.smartnas.space.SmartNetConfig;
import io.smartnas.space.evaluation.Evaluation;
import io.smartnas.space.evaluation.Lineage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * A search in its own JVM, for the kill-and-resume test. It prints each batch of candidates and each measurement as it
 * happens, and in the second batch, after two candidates, blocks reading standard input, so that the test kills it
 * in the middle of a batch.
 */
public final class SearchProcess {
    static final SearchSettings SETTINGS = TestSettings.of(Strategy.GENETIC, 4, 8, 40, TestSettings.TARGETS);

    private SearchProcess() {
    }

    public static void main(String[] args) {
        int[] batch = {0};
        int[] measuredInBatch = {0};
        SyntheticEvaluator evaluator = new SyntheticEvaluator() {
            @Override
            void before(SmartNetConfig config) {
                if (batch[0] == 2 && measuredInBatch[0] == 2) {
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
                batch[0]++;
                measuredInBatch[0] = 0;
                System.out.println("batch " + batch[0] + " (generation " + index + ")");
            }

            @Override
            public void measured(Evaluation evaluation, Lineage lineage, long params, boolean feasible, int done,
                                 int budget) {
                measuredInBatch[0]++;
                System.out.println("measured " + evaluation.configId());
                System.out.flush();
            }
        };
        try (ResultStore store = H2Database.open(Path.of(args[0]), true)) {
            new Search(store, evaluator, SETTINGS, progress).start("killed", "{}", "{}");
        }
    }
}
