package io.smartnas.evaluator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes tensors in the safetensors format, which PyTorch, JAX and others read without DJL: an 8-byte little-endian
 * header length, a JSON header (each tensor's dtype, shape and byte range in the data, and string metadata under
 * {@code __metadata__}), padded with spaces to a multiple of 8 bytes, then the tensors' bytes, little-endian, in
 * header order. Only float32 tensors are written: a SmartNet has no others.
 */
final class Safetensors {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Safetensors() {
    }

    /** Writes {@code tensors} (their order kept) with {@code metadata} to {@code file}. */
    static void write(Map<String, NDArray> tensors, Map<String, String> metadata, Path file) throws IOException {
        ObjectNode header = JSON.createObjectNode();
        ObjectNode meta = header.putObject("__metadata__");
        metadata.forEach(meta::put);
        long offset = 0;
        for (Map.Entry<String, NDArray> tensor : tensors.entrySet()) {
            NDArray array = tensor.getValue();
            if (array.getDataType() != DataType.FLOAT32) {
                throw new IllegalArgumentException(tensor.getKey() + " is " + array.getDataType() + ", not float32");
            }
            long bytes = array.size() * Float.BYTES;
            ObjectNode entry = header.putObject(tensor.getKey());
            entry.put("dtype", "F32");
            var shape = entry.putArray("shape");
            for (long dimension : array.getShape().getShape()) {
                shape.add(dimension);
            }
            entry.putArray("data_offsets").add(offset).add(offset + bytes);
            offset += bytes;
        }
        byte[] json = JSON.writeValueAsBytes(header);
        int padded = (json.length + 7) / 8 * 8;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
            out.write(ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN).putLong(padded).array());
            out.write(json);
            out.write(" ".repeat(padded - json.length).getBytes(StandardCharsets.US_ASCII));
            for (NDArray array : tensors.values()) {
                ByteBuffer data = ByteBuffer.allocate((int) array.size() * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
                data.asFloatBuffer().put(array.toFloatArray());
                out.write(data.array());
            }
        }
    }
}
