package io.smartnas.evaluator;

import io.smartnas.evaluator.data.DataSource;
import io.smartnas.space.run.TimingSettings;
import io.smartnas.space.run.TrainingMode;
import io.smartnas.space.run.Augmentation;
import io.smartnas.space.run.TrainingSettings;
import io.smartnas.space.Cell;
import io.smartnas.space.InputShape;
import io.smartnas.space.SmartNetConfig;

import java.util.List;

/** A task small enough to train in a second on a CPU: 8x8 synthetic images in 4 classes, and two-exit networks. */
final class TinyTask {
    static final InputShape SHAPE = new InputShape(1, 8, 8);
    static final DataSource DATA = DataSource.synthetic(SHAPE, 4, 600, 100, 11);
    static final TimingSettings QUICK_TIMING = new TimingSettings(1, 3, 32, 1);

    private TinyTask() {
    }

    static SmartNetConfig twoExits() {
        return new SmartNetConfig(SHAPE, 4, 8, 4, 2, List.of(8, 4), List.of(
                new Cell(0, 0, 1, List.of()), new Cell(0, 1, 1, List.of()), new Cell(1, 1, 1, List.of(0))));
    }

    static EvaluationSetup setup(TrainingMode mode) {
        return new EvaluationSetup(DATA, new TrainingSettings(mode, 32, 0.01f, 0f, List.of(), 5, Augmentation.NONE),
                QUICK_TIMING, true);
    }
}
