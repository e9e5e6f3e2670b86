package io.smartnas.evaluator;

import io.smartnas.space.SmartNetConfig;

/** Receives which candidate starts training, and its training's progress; calls may come from several devices. */
@FunctionalInterface
public interface CandidateProgress {
    CandidateProgress NONE = (config, device) -> TrainingProgress.NONE;

    /** A candidate starts on a device (as DJL names it: {@code cpu()}, {@code gpu(0)}); returns what receives its
     * training's progress. */
    TrainingProgress started(SmartNetConfig config, String device);
}
