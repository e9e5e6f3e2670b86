package io.smartnas.evaluator.data;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small IDX files for tests. */
final class IdxFiles {
    private IdxFiles() {
    }

    static Path write(Path file, int[] dimensions, byte[] data, boolean gzip) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(0x0800 | dimensions.length);
            for (int d : dimensions) {
                out.writeInt(d);
            }
            out.write(data);
        }
        OutputStream raw = Files.newOutputStream(file);
        try (OutputStream out = gzip ? new GZIPOutputStream(raw) : raw) {
            out.write(bytes.toByteArray());
        }
        return file;
    }

    /** An MNIST-style directory of {@code train} and {@code test} images of 4x4 pixels in 3 classes. */
    static Path dataset(Path dir, int train, int test) throws IOException {
        write(dir.resolve("train-images-idx3-ubyte.gz"), new int[] {train, 4, 4}, pixels(train * 16), true);
        write(dir.resolve("train-labels-idx1-ubyte"), new int[] {train}, labels(train), false);
        write(dir.resolve("t10k-images-idx3-ubyte"), new int[] {test, 4, 4}, pixels(test * 16), false);
        write(dir.resolve("t10k-labels-idx1-ubyte.gz"), new int[] {test}, labels(test), true);
        return dir;
    }

    private static byte[] pixels(int n) {
        byte[] data = new byte[n];
        for (int i = 0; i < n; i++) {
            data[i] = (byte) (i * 7);
        }
        return data;
    }

    private static byte[] labels(int n) {
        byte[] data = new byte[n];
        for (int i = 0; i < n; i++) {
            data[i] = (byte) (i % 3);
        }
        return data;
    }
}
