package io.smartnas.search;

import io.smartnas.results.ResultStore;
import io.smartnas.space.SmartNetConfig;
import io.smartnas.space.evaluation.Assignment;
import io.smartnas.space.evaluation.Lineage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The promotions of the run's fidelity ladder (asynchronous successive halving): which are due, and the assignment
 * that takes a candidate from its checkpoint on to the next rung, its lineage registered as in flight. A promotion the
 * evaluator cut is not tried again in this process (the time left only shrinks) until the run resumes; one whose
 * checkpoint is gone (deleted by hand) cannot go on, so its candidate stays where it is.
 */
final class Promotions {
    private final Ladder ladder;
    private final Checkpoints checkpoints;
    private final ResultStore store;
    private final SearchSettings settings;
    /** Promotions the evaluator cut in this process, as {@code id@rung}. */
    private final Set<String> cut = new HashSet<>();

    Promotions(Ladder ladder, Checkpoints checkpoints, ResultStore store, SearchSettings settings) {
        this.ladder = ladder;
        this.checkpoints = checkpoints;
        this.store = store;
        this.settings = settings;
    }

    /** The evaluator cut the training that would have promoted {@code configId} to {@code rung}. */
    void cut(String configId, int rung) {
        cut.add(configId + "@" + rung);
    }

    /**
     * The promotions due now and not cut, as assignments registered in {@code flying}; empty when none is due (a due
     * promotion whose checkpoint is gone is settled where it stands, so the list may be empty while more come due).
     */
    Optional<List<Assignment>> due(Map<String, Lineage> flying) {
        List<Ladder.Promotion> due = ladder.due().stream()
                .filter(p -> !cut.contains(p.configId() + "@" + (p.from() + 1))).toList();
        if (due.isEmpty()) {
            return Optional.empty();
        }
        List<Assignment> batch = new ArrayList<>();
        for (Ladder.Promotion promotion : due) {
            Checkpoints.Kept from = checkpoints.of(promotion.configId(), promotion.from());
            if (from == null) {
                ladder.add(promotion.configId(), promotion.from() + 1, null);
                continue;
            }
            batch.add(assignment(promotion, from, flying));
        }
        return Optional.of(batch);
    }

    /** The first promotion that is due, not cut and not in flight, registered in {@code flying}; empty when none. */
    Optional<Assignment> next(Map<String, Lineage> flying) {
        for (Ladder.Promotion promotion : ladder.due()) {
            String key = promotion.configId() + "@" + (promotion.from() + 1);
            Checkpoints.Kept from = checkpoints.of(promotion.configId(), promotion.from());
            if (cut.contains(key) || flying.containsKey(promotion.configId()) || from == null) {
                continue;
            }
            return Optional.of(assignment(promotion, from, flying));
        }
        return Optional.empty();
    }

    /** The assignment that takes a candidate from its checkpoint on to the next rung, its lineage registered. */
    private Assignment assignment(Ladder.Promotion promotion, Checkpoints.Kept from, Map<String, Lineage> flying) {
        SmartNetConfig config = store.candidate(promotion.configId()).orElseThrow().network();
        int rung = promotion.from() + 1;
        Path keep = rung < ladder.top() || settings.inherit() ? checkpoints.dir(config.id(), rung) : null;
        flying.put(config.id(), new Lineage(rung, keep == null ? null : keep.toString(), from.evaluationId(),
                config.size()));
        return new Assignment(config, ladder.fidelity(rung), from.dir(), config.size(), keep);
    }
}
