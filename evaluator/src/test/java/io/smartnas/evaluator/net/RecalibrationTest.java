package io.smartnas.evaluator.net;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import io.smartnas.space.Cell;
import io.smartnas.space.Grid;
import io.smartnas.space.InputShape;
import io.smartnas.space.SmartNetConfig;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** After recalibration, a batch norm holds the statistics of what it reads over the images, whatever it held before. */
// With the slow tests, in their JVM: in the unit tests' JVM, these supernet tests together changed what
// ConvolutionNanTest's probe finds in libtorch's allocator (0 of 200 tries leaked NaN), as SandwichTest did.
@Tag("slow")
class RecalibrationTest {
    @Test
    void theFirstBatchNormHoldsTheMeanAndVarianceOfTheStemsOutput() {
        List<Cell> cells = new ArrayList<>();
        for (int i = 0; i < Grid.cellCount(2); i++) {
            cells.add(new Cell(Grid.row(i), Grid.col(i), 2, Grid.connectableSlots(i)));
        }
        SmartNetConfig config = new SmartNetConfig(new InputShape(1, 8, 8), 4, 8, 4, 2, List.of(8, 8), cells, 1);
        try (SmartNetModel model = SmartNetModel.create(config, Device.cpu(), 3)) {
            NDManager manager = model.model().getNDManager();
            Block norm = model.block().cell(0).layers().get(0).getChildren().get(0).getValue();
            float[] junk = new float[8];
            Arrays.fill(junk, 5f);
            norm.getParameters().get("runningMean").getArray().set(junk);
            norm.getParameters().get("runningVar").getArray().set(junk);
            NDArray images = manager.arange(300 * 64).reshape(300, 1, 8, 8).toType(DataType.FLOAT32, false)
                    .div(700f).sin();
            NDArray stem = Resize.toLevel(model.block().stem().forward(new ParameterStore(manager, false),
                    new NDList(images), false).singletonOrThrow(), 0, 1);
            long n = stem.size() / 8;
            NDArray mean = stem.sum(new int[] {0, 2, 3}).div(n);
            NDArray variance = stem.sub(mean.reshape(1, 8, 1, 1)).pow(2).sum(new int[] {0, 2, 3}).div(n - 1);
            Recalibration.of(model.block(), manager, images);
            assertArrayEquals(mean.toFloatArray(), norm.getParameters().get("runningMean").getArray().toFloatArray(),
                    1e-4f);
            assertArrayEquals(variance.toFloatArray(), norm.getParameters().get("runningVar").getArray()
                    .toFloatArray(), 1e-4f);
        }
    }
}
