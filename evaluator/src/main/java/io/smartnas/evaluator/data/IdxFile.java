package io.smartnas.evaluator.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * One IDX file of unsigned bytes (the MNIST format), plain or gzip-compressed: a magic number {@code 0x0000 08 nd},
 * {@code nd} big-endian dimensions, then the data.
 *
 * @param path       where it was read from
 * @param dimensions its dimensions, outermost first
 * @param data       its values, row-major
 */
public record IdxFile(Path path, int[] dimensions, byte[] data) {
    private static final int UNSIGNED_BYTE = 0x08;

    /**
     * @throws DataException if the file is missing, unreadable, not IDX, not of unsigned bytes, or truncated
     */
    public static IdxFile read(Path path) {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(path), 1 << 16)) {
            raw.mark(2);
            boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
            raw.reset();
            try (DataInputStream in = new DataInputStream(gzip ? new GZIPInputStream(raw, 1 << 16) : raw)) {
                return read(path, in);
            }
        } catch (NoSuchFileException e) {
            throw new DataException(path + ": no such file");
        } catch (EOFException e) {
            throw new DataException(path + ": truncated: the file ends inside its header");
        } catch (IOException e) {
            throw new DataException(path + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    private static IdxFile read(Path path, DataInputStream in) throws IOException {
        int magic = in.readInt();
        int type = (magic >>> 8) & 0xff;
        int rank = magic & 0xff;
        if ((magic >>> 16) != 0 || rank < 1 || rank > 4) {
            throw new DataException(path + ": not an IDX file (magic number 0x" + Integer.toHexString(magic) + ")");
        }
        if (type != UNSIGNED_BYTE) {
            throw new DataException(path + ": IDX data type 0x" + Integer.toHexString(type)
                    + " is not supported; only unsigned bytes (0x08) are");
        }
        int[] dimensions = new int[rank];
        long size = 1;
        for (int d = 0; d < rank; d++) {
            dimensions[d] = in.readInt();
            if (dimensions[d] < 1) {
                throw new DataException(path + ": dimension " + d + " is " + dimensions[d]);
            }
            size *= dimensions[d];
        }
        if (size > Integer.MAX_VALUE - 8) {
            throw new DataException(path + ": " + size + " values do not fit in memory as one array");
        }
        byte[] data = new byte[(int) size];
        int read = in.readNBytes(data, 0, data.length);
        if (read < data.length) {
            throw new DataException(path + ": truncated: dimensions " + Arrays.toString(dimensions) + " need "
                    + data.length + " bytes of data, the file has " + read);
        }
        return new IdxFile(path, dimensions, data);
    }
}
