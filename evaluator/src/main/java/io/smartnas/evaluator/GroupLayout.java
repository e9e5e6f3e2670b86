package io.smartnas.evaluator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.smartnas.evaluator.net.SmartNetModel;
import io.smartnas.space.InputShape;
import io.smartnas.space.InvalidInputException;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * The bytes an exit-group file of a network must have, and the check of a file against them before the engine reads
 * it. The layout is what this network writes: the same header, block metadata, tensor names, data types, shapes and
 * lengths; only the tensors' values may differ. A file that differs anywhere else (a length field that lies, a tensor of
 * another shape, a group of another network) is refused naming the file and the tensor, having read at most as many
 * bytes as the layout has, so nothing the file claims is ever allocated.
 */
final class GroupLayout {
    private final byte[] expected;
    /** The bytes that may differ outside tensor values: the batch size in the blocks' recorded input shapes. */
    private final BitSet batchSizes;
    private final int headerLength;
    private final List<Tensor> tensors;

    /** A tensor in the layout: where its encoding starts, where its values start and end. */
    private record Tensor(String name, String shape, int start, int values, int end) {
    }

    private GroupLayout(byte[] expected, BitSet batchSizes, int headerLength, List<Tensor> tensors) {
        this.expected = expected;
        this.batchSizes = batchSizes;
        this.headerLength = headerLength;
        this.tensors = tensors;
    }

    /**
     * The layout of group {@code group} of {@code model} (any values, any batch size), with {@code header} written
     * first. The blocks record the input shapes they were last initialised with, the batch size of the training that
     * wrote the file included; the layout learns where by initialising the model at two batch sizes (which keeps its
     * values), so call it before loading values into the model only if the model may be initialised again.
     */
    static GroupLayout of(SmartNetModel model, int group, Header header) {
        BitSet batchSizes = new BitSet();
        byte[] other = atBatch(model, 2, group, header);
        byte[] bytes = atBatch(model, 1, group, header);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] != other[i]) {
                batchSizes.set(i);
            }
        }
        int headerLength = bytes(header).length;
        List<Tensor> tensors = new ArrayList<>();
        int from = headerLength;
        for (Block block : model.block().group(group)) {
            for (Pair<String, Parameter> named : block.getParameters()) {
                NDArray array = named.getValue().getArray();
                byte[] encoded = array.encode();
                int start = indexOf(bytes, encoded, from);
                if (start < 0) {
                    throw new IllegalStateException("tensor " + named.getKey() + " is not where the engine wrote it");
                }
                int end = start + encoded.length;
                int values = end - (int) (array.size() * array.getDataType().getNumOfBytes());
                tensors.add(new Tensor(named.getKey(), array.getDataType() + " " + array.getShape(), start, values,
                        end));
                from = end;
            }
        }
        return new GroupLayout(bytes, batchSizes, headerLength, tensors);
    }

    /** Writes an exit-group file's header (or, here, any bytes). */
    @FunctionalInterface
    interface Header {
        void write(DataOutputStream out) throws IOException;
    }

    /** The bytes of group {@code group} of {@code model} once initialised for batches of {@code batch}. */
    private static byte[] atBatch(SmartNetModel model, int batch, int group, Header header) {
        InputShape in = model.config().input();
        model.block().initialize(model.model().getNDManager(), DataType.FLOAT32,
                new Shape(batch, in.channels(), in.height(), in.width()));
        return write(model, group, header);
    }

    /** The bytes of group {@code group} of {@code model}: {@code header}, then each block's parameters. */
    static byte[] write(SmartNetModel model, int group, Header header) {
        return bytes(out -> {
            header.write(out);
            for (Block block : model.block().group(group)) {
                block.saveParameters(out);
            }
        });
    }

    /** What {@code writer} writes, in memory. */
    private static byte[] bytes(Header writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writer.write(out);
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e);
        }
        return bytes.toByteArray();
    }

    /**
     * The blocks' parameters in {@code file}, after its header, when the file has this layout.
     *
     * @throws InvalidInputException naming the file and the first tensor (or the header) that differs
     */
    DataInputStream parameters(Path file) {
        byte[] actual = new byte[expected.length];
        int read;
        boolean longer;
        try (InputStream in = Files.newInputStream(file)) {
            read = in.readNBytes(actual, 0, actual.length);
            longer = in.read() >= 0;
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
        int differs = firstDifference(actual, read);
        if (differs < read) {
            throw new InvalidInputException(file + ": damaged or of another network: " + where(differs));
        }
        if (read < expected.length) {
            throw new InvalidInputException(file + ": damaged: it ends after " + read + " bytes, where this "
                    + "network's group has " + expected.length + " (truncated?)");
        }
        if (longer) {
            throw new InvalidInputException(file + ": damaged or of another network: it is longer than the "
                    + expected.length + " bytes of this network's group");
        }
        return new DataInputStream(new ByteArrayInputStream(actual, headerLength, actual.length - headerLength));
    }

    /** The first byte of {@code actual}'s first {@code length} that differs from the layout outside tensor values. */
    private int firstDifference(byte[] actual, int length) {
        int at = 0;
        for (Tensor tensor : tensors) {
            int differs = firstDifference(actual, at, Math.min(tensor.values(), length));
            if (differs >= 0 || tensor.end() >= length) {
                return differs >= 0 ? differs : length;
            }
            at = tensor.end();
        }
        int differs = firstDifference(actual, at, length);
        return differs >= 0 ? differs : length;
    }

    /** The first byte in {@code from..to} where {@code actual} differs from the layout, other than a batch size. */
    private int firstDifference(byte[] actual, int from, int to) {
        for (int at = from; at < to; at++) {
            int mismatch = Arrays.mismatch(actual, at, to, expected, at, to);
            if (mismatch < 0) {
                return -1;
            }
            at += mismatch;
            if (!batchSizes.get(at)) {
                return at;
            }
        }
        return -1;
    }

    /** What the layout holds at byte {@code offset}, in words. */
    private String where(int offset) {
        for (int i = 0; i < tensors.size(); i++) {
            Tensor tensor = tensors.get(i);
            if (offset < tensor.start()) {
                return "byte " + offset + ", before tensor " + i + " (" + tensor.name() + "), is not this network's";
            }
            if (offset < tensor.values()) {
                return "tensor " + i + " (" + tensor.name() + ") is not the config's " + tensor.shape()
                        + " (its name, type, shape or length differs)";
            }
        }
        return "byte " + offset + ", after the last tensor, is not this network's";
    }

    private static int indexOf(byte[] bytes, byte[] part, int from) {
        for (int i = from; i <= bytes.length - part.length; i++) {
            if (Arrays.equals(bytes, i, i + part.length, part, 0, part.length)) {
                return i;
            }
        }
        return -1;
    }
}
