package io.smartnas.evaluator;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.smartnas.evaluator.net.SmartNetModel;
import io.smartnas.evaluator.net.TorchStateDict;
import io.smartnas.space.WorkedExample;
import io.smartnas.space.cost.Cost;
import io.smartnas.space.cost.CostModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A saved model's {@code model.safetensors}, read back the way the format defines, byte for byte. */
class SafetensorsTest {
    @TempDir
    Path dir;

    @Test
    void aSavedModelHoldsEveryParameterAndStatisticUnderItsPyTorchNameWithItsValues() throws IOException {
        try (SmartNetModel model = SmartNetModel.create(WorkedExample.config(), Device.cpu(), 7)) {
            ModelDirectory.save(model, JsonNodeFactory.instance.objectNode(), dir);
            byte[] file = Files.readAllBytes(dir.resolve(ModelDirectory.SAFETENSORS));
            long headerLength = ByteBuffer.wrap(file, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
            assertEquals(0, headerLength % 8, "the header is padded to 8 bytes");
            JsonNode header = new ObjectMapper().readTree(new String(file, 8, (int) headerLength,
                    StandardCharsets.UTF_8).trim());
            int data = 8 + (int) headerLength;
            assertEquals(model.config().id(), header.get("__metadata__").get("config_id").asText());

            Map<String, NDArray> expected = TorchStateDict.of(model.block());
            List<String> names = new ArrayList<>();
            header.fieldNames().forEachRemaining(names::add);
            names.remove("__metadata__");
            assertEquals(new ArrayList<>(expected.keySet()), names, "names, in module order");
            long end = 0;
            long floats = 0;
            for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                if (entry.getKey().equals("__metadata__")) {
                    continue;
                }
                NDArray array = expected.get(entry.getKey());
                JsonNode tensor = entry.getValue();
                assertEquals("F32", tensor.get("dtype").asText());
                long[] shape = new long[tensor.get("shape").size()];
                Arrays.setAll(shape, i -> tensor.get("shape").get(i).asLong());
                assertArrayEquals(array.getShape().getShape(), shape, entry.getKey());
                long begin = tensor.get("data_offsets").get(0).asLong();
                assertEquals(end, begin, "tensors follow one another");
                end = tensor.get("data_offsets").get(1).asLong();
                float[] values = new float[(int) ((end - begin) / 4)];
                ByteBuffer.wrap(file, data + (int) begin, (int) (end - begin)).order(ByteOrder.LITTLE_ENDIAN)
                        .asFloatBuffer().get(values);
                assertArrayEquals(array.toFloatArray(), values, entry.getKey());
                floats += values.length;
            }
            assertEquals(file.length - data, end, "the data ends with the last tensor");
            Cost cost = CostModel.of(model.config());
            assertEquals(cost.params() + cost.buffers(), floats, "every parameter and running statistic");
        }
    }

    @Test
    void namesFollowPyTorchsModuleTree() {
        try (SmartNetModel model = SmartNetModel.create(WorkedExample.config(), Device.cpu(), 7)) {
            Map<String, NDArray> tensors = TorchStateDict.of(model.block());
            for (String name : List.of("stem.weight", "blocks.0.layers.1.0.running_mean", "blocks.0.layers.1.2.weight",
                    "blocks.1.layers.2.5.weight", "blocks.2.layers.0.3.bias", "heads.0.0.running_var",
                    "heads.1.3.weight", "heads.1.3.bias")) {
                assertTrue(tensors.containsKey(name), name + " in " + tensors.keySet());
            }
            assertEquals(List.of(10L, 12L * 2 + 16), List.of(tensors.get("heads.0.3.weight").getShape().get(0),
                    tensors.get("heads.0.3.weight").getShape().get(1)));
        }
    }
}
