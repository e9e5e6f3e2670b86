package io.smartnas.evaluator.data;

import io.smartnas.space.InputShape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DataSourceTest {
    @TempDir
    Path dir;

    @Test
    void readsPlainAndGzipIdxFilesOfAnyMnistStyleDirectory() throws IOException {
        DataSource data = DataSource.idx(IdxFiles.dataset(dir, 30, 9));
        assertEquals(30, data.train().size());
        assertEquals(9, data.test().size());
        assertEquals(new InputShape(1, 4, 4), data.train().shape());
        assertEquals(3, data.train().classes());
        assertEquals(2, data.train().label(2));
    }

    @Test
    void aMissingFileIsNamed() throws IOException {
        IdxFiles.dataset(dir, 30, 9);
        Files.delete(dir.resolve("t10k-images-idx3-ubyte"));
        DataException e = assertThrows(DataException.class, () -> DataSource.idx(dir));
        assertTrue(e.getMessage().contains("t10k-images-idx3-ubyte (or t10k-images-idx3-ubyte.gz) is missing"),
                e.getMessage());
    }

    @Test
    void aMissingDirectoryIsNamed() {
        DataException e = assertThrows(DataException.class, () -> DataSource.idx(dir.resolve("nowhere")));
        assertTrue(e.getMessage().contains("nowhere: no such directory"), e.getMessage());
    }

    @Test
    void aTruncatedFileSaysHowMuchIsMissing() throws IOException {
        IdxFiles.dataset(dir, 30, 9);
        Path images = dir.resolve("t10k-images-idx3-ubyte");
        byte[] bytes = Files.readAllBytes(images);
        Files.write(images, java.util.Arrays.copyOf(bytes, bytes.length - 10));
        DataException e = assertThrows(DataException.class, () -> DataSource.idx(dir));
        assertTrue(e.getMessage().startsWith(images + ": truncated"), e.getMessage());
        assertTrue(e.getMessage().contains("need 144 bytes of data, the file has 134"), e.getMessage());
    }

    @Test
    void swappedImagesAndLabelsAreRecognised() throws IOException {
        IdxFiles.dataset(dir, 30, 9);
        Path labels = dir.resolve("train-labels-idx1-ubyte");
        Files.delete(labels);
        Files.copy(dir.resolve("train-images-idx3-ubyte.gz"), labels);
        DataException e = assertThrows(DataException.class, () -> DataSource.idx(dir));
        assertTrue(e.getMessage().contains("are images and labels swapped?"), e.getMessage());
    }

    @Test
    void countsOfImagesAndLabelsMustAgree() throws IOException {
        IdxFiles.dataset(dir, 30, 9);
        byte[] labels = new byte[29];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = (byte) (i % 3);
        }
        IdxFiles.write(dir.resolve("train-labels-idx1-ubyte"), new int[] {29}, labels, false);
        DataException e = assertThrows(DataException.class, () -> DataSource.idx(dir));
        assertTrue(e.getMessage().contains("holds 30 images but"), e.getMessage());
    }

    @Test
    void aStrayLabelBeyondTheClassesIsRefusedNamingTheFile() throws IOException {
        IdxFiles.dataset(dir, 30, 9);
        byte[] labels = new byte[30];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = (byte) (i % 3);
        }
        labels[7] = (byte) 255;
        Path file = dir.resolve("train-labels-idx1-ubyte");
        IdxFiles.write(file, new int[] {30}, labels, false);
        DataException e = assertThrows(DataException.class, () -> DataSource.idx(dir));
        assertTrue(e.getMessage().startsWith(file + ": label 255 appears"), e.getMessage());
    }

    @Test
    void aTestLabelOutsideTheTrainingClassesIsRefused() throws IOException {
        IdxFiles.dataset(dir, 30, 9);
        byte[] labels = new byte[9];
        labels[4] = 9;
        Files.delete(dir.resolve("t10k-labels-idx1-ubyte.gz"));
        Path file = dir.resolve("t10k-labels-idx1-ubyte");
        IdxFiles.write(file, new int[] {9}, labels, false);
        DataException e = assertThrows(DataException.class, () -> DataSource.idx(dir));
        assertTrue(e.getMessage().startsWith(file + ": label 9 is not one of the 3 classes"), e.getMessage());
    }

    @Test
    void aFileThatIsNotIdxIsRefused() throws IOException {
        IdxFiles.dataset(dir, 30, 9);
        Files.writeString(dir.resolve("t10k-labels-idx1-ubyte.gz"), "hello, world");
        DataException e = assertThrows(DataException.class, () -> DataSource.idx(dir));
        assertTrue(e.getMessage().contains("not an IDX file"), e.getMessage());
    }

    @Test
    void syntheticDataIsTheSameForTheSameSeed() {
        InputShape shape = new InputShape(2, 8, 8);
        DataSource a = DataSource.synthetic(shape, 4, 50, 10, 3);
        DataSource b = DataSource.synthetic(shape, 4, 50, 10, 3);
        for (int i = 0; i < 50; i++) {
            assertEquals(a.train().label(i), b.train().label(i));
            assertEquals(a.train().pixel(i, 17), b.train().pixel(i, 17));
        }
    }

    @Test
    void theSplitIsDeterministicAndDisjoint() {
        ImageSet images = DataSource.synthetic(new InputShape(1, 4, 4), 3, 120, 1, 5).train();
        Split one = Split.of(images, 20, 9);
        Split two = Split.of(images, 20, 9);
        assertEquals(20, one.validation().size());
        assertEquals(100, one.train().size());
        for (int i = 0; i < 20; i++) {
            assertEquals(one.validation().label(i), two.validation().label(i));
        }
    }

    @Test
    void epochsAreShuffledDifferentlyButRepeatably() {
        ImageSet images = DataSource.synthetic(new InputShape(1, 4, 4), 3, 100, 1, 5).train();
        Batches batches = new Batches(images, images.statistics(), 10, 1);
        assertEquals(java.util.Arrays.toString(batches.epoch(0)), java.util.Arrays.toString(batches.epoch(0)));
        assertTrue(!java.util.Arrays.equals(batches.epoch(0), batches.epoch(1)));
        assertEquals(10, batches.count());
    }
}
