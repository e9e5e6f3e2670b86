package io.smartnas.search;

import io.smartnas.results.H2Database;
import io.smartnas.results.ResultStore;
import io.smartnas.space.SmartNetConfig;

import java.nio.file.Path;
import java.util.Random;

/**
 * A search in its own JVM that runs until it is killed, for the durability test: it starts run 1, or resumes it when
 * the database already has it. Each candidate takes a few random milliseconds to "train", so that a kill lands
 * anywhere: in training, in a write, between a write and the next.
 */
public final class KilledSearchProcess {
    static final SearchSettings SETTINGS = TestSettings.of(Strategy.GENETIC, 7, 6, 100_000, TestSettings.TARGETS);

    private KilledSearchProcess() {
    }

    public static void main(String[] args) {
        Random random = new Random();
        SyntheticEvaluator evaluator = new SyntheticEvaluator() {
            @Override
            void before(SmartNetConfig config) {
                try {
                    Thread.sleep(random.nextInt(100));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        try (ResultStore store = H2Database.open(Path.of(args[0]), true)) {
            Search search = new Search(store, evaluator, SETTINGS, SearchProgress.NONE);
            System.out.println("open");
            System.out.flush();
            if (store.runs().isEmpty()) {
                search.start("killed again and again", "{}", "{}");
            } else {
                search.resume(store.runs().get(0).id());
            }
        }
    }
}
