package io.smartnas.evaluator.anytime;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.smartnas.evaluator.net.SmartNetBlock;
import io.smartnas.evaluator.net.SmartNetModel;
import io.smartnas.space.WorkedExample;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class ColumnsTest {
    @Test
    void computingColumnByColumnGivesEveryExitsLogitsAsTheWholePass() {
        try (SmartNetModel model = SmartNetModel.create(WorkedExample.config(), Device.cpu(), 3);
             NDManager manager = model.model().getNDManager().newSubManager()) {
            ParameterStore store = new ParameterStore(manager, false);
            NDArray images = manager.randomNormal(new Shape(3, 1, 28, 28));
            NDList whole = model.block().forward(store, images, false, 2, 0);
            SmartNetBlock.Columns columns = model.block().columns(store, images);
            assertArrayEquals(whole.get(0).toFloatArray(), columns.next().toFloatArray());
            assertArrayEquals(whole.get(1).toFloatArray(), columns.next().toFloatArray());
            assertFalse(columns.hasNext());
        }
    }
}
