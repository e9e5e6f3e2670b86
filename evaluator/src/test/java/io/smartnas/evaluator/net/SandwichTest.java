package io.smartnas.evaluator.net;

import ai.djl.Device;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.smartnas.evaluator.data.Batches;
import io.smartnas.evaluator.data.DataSource;
import io.smartnas.space.Cell;
import io.smartnas.space.Grid;
import io.smartnas.space.InputShape;
import io.smartnas.space.SmartNetConfig;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sandwich steps on a learnable task teach the largest network and, through shared weights, the smaller ones. */
@Tag("slow")
class SandwichTest {
    private static final InputShape INPUT = new InputShape(1, 8, 8);

    @Test
    void theLargestAndTheSmallestBothLearn() {
        List<Cell> cells = new ArrayList<>();
        for (int i = 0; i < Grid.cellCount(2); i++) {
            cells.add(new Cell(Grid.row(i), Grid.col(i), 2, Grid.connectableSlots(i)));
        }
        SmartNetConfig largest = new SmartNetConfig(INPUT, 4, 8, 4, 2, List.of(8, 8), cells);
        SmartNetConfig smallest = new SmartNetConfig(INPUT, 4, 4, 4, 1, List.of(4),
                List.of(new Cell(0, 0, 1, List.of())));
        DataSource data = DataSource.synthetic(INPUT, 4, 512, 64, 3);
        Batches batches = new Batches(data.train(), data.train().statistics(), 32, 5);
        try (SmartNetModel model = SmartNetModel.create(largest, Device.cpu(), 7);
             Trainer trainer = model.model().newTrainer(new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                     .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.01f)).build())
                     .optDevices(new Device[] {Device.cpu()}))) {
            trainer.initialize(new Shape(32, 1, 8, 8));
            ParameterStore store = new ParameterStore(model.model().getNDManager(), false);
            Sandwich sandwich = new Sandwich(model.block());
            List<List<Float>> losses = new ArrayList<>();
            for (int epoch = 0; epoch < 12; epoch++) {
                int[] order = batches.epoch(epoch);
                for (int b = 0; b < batches.count(); b++) {
                    try (NDManager step = model.model().getNDManager().newSubManager()) {
                        NDList batch = batches.batch(step, order, b);
                        losses.add(sandwich.step(trainer, store, batch.get(0), batch.get(1),
                                List.of(smallest)));
                    }
                }
            }
            for (int k = 0; k < 2; k++) {
                int which = k;
                double first = losses.subList(0, 8).stream().mapToDouble(l -> l.get(which)).average().orElseThrow();
                double last = losses.subList(losses.size() - 8, losses.size()).stream().mapToDouble(l -> l.get(which))
                        .average().orElseThrow();
                assertTrue(last < 0.6 * first, (k == 0 ? "largest" : "smallest") + ": " + first + " -> " + last);
            }
        }
    }
}
