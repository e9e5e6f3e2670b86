package io.smartnas.evaluator.data;

import io.smartnas.space.InputShape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageFolderTest {
    @TempDir
    Path dir;

    @Test
    void aFolderOfClassFoldersIsSplitOneInSevenPerClassAndResized() throws IOException {
        DrawnShapes.write(dir, 70, true, 1);
        Files.writeString(dir.resolve("disc/README.txt"), "not an image: skipped");
        DataSource data = ImageFolder.read(dir, new InputShape(1, 16, 16));
        assertEquals(3, data.train().classes());
        assertEquals(3 * 60, data.train().size());
        assertEquals(3 * 10, data.test().size());
        assertEquals(new InputShape(1, 16, 16), data.train().shape());
        assertEquals(0, data.train().label(0)); // cross, the first class folder by name
        assertEquals(2, data.test().label(29)); // square, the last
        assertTrue(ImageFolder.looksLike(dir));
    }

    @Test
    void grayAndColourImagesBecomeTheChannelsAsked() throws IOException {
        DrawnShapes.write(dir, 7, false, 2);
        DataSource rgb = ImageFolder.read(dir, new InputShape(3, 20, 20));
        assertEquals(new InputShape(3, 20, 20), rgb.train().shape());
        DataSource gray = ImageFolder.read(dir, new InputShape(1, 20, 20));
        assertEquals(new InputShape(1, 20, 20), gray.test().shape());
        assertEquals(18, gray.train().size());
    }

    @Test
    void pixelValuesSurviveAsTheyAre() throws IOException {
        // One gray image of 77 everywhere, one colour image: Java's getRGB would brighten a gray PNG to about 150.
        Path folder = twoClasses();
        BufferedImage gray = new BufferedImage(6, 6, BufferedImage.TYPE_BYTE_GRAY);
        gray.getRaster().setSamples(0, 0, 6, 6, 0, filled(36, 77));
        write(gray, folder.resolve("a/1.png"));
        BufferedImage colour = new BufferedImage(6, 6, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 6; y++) {
            for (int x = 0; x < 6; x++) {
                colour.setRGB(x, y, (200 << 16) | (100 << 8) | 50);
            }
        }
        write(colour, folder.resolve("b/1.png"));
        DataSource asGray = ImageFolder.read(dir, new InputShape(1, 6, 6));
        assertEquals(77, asGray.train().pixel(0, 0));
        assertEquals(Math.round(0.299f * 200 + 0.587f * 100 + 0.114f * 50), asGray.train().pixel(1, 35));
        DataSource asRgb = ImageFolder.read(dir, new InputShape(3, 6, 6));
        assertEquals(77, asRgb.train().pixel(0, 36 * 2));
        assertEquals(200, asRgb.train().pixel(1, 0));
        assertEquals(100, asRgb.train().pixel(1, 36));
        assertEquals(50, asRgb.train().pixel(1, 72));
    }

    @Test
    void resizingIsBilinearAndKeepsEdges() throws IOException {
        Path folder = twoClasses();
        BufferedImage half = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 8; y++) {
            for (int x = 4; x < 8; x++) {
                half.getRaster().setSample(x, y, 0, 255);
            }
        }
        write(half, folder.resolve("a/1.png"));
        write(half, folder.resolve("b/1.png"));
        ImageSet resized = ImageFolder.read(dir, new InputShape(1, 4, 4)).train();
        int[] row = new int[4];
        for (int x = 0; x < 4; x++) {
            row[x] = resized.pixel(0, 4 + x);
        }
        assertEquals(0, row[0]);
        assertEquals(255, row[3]);
        assertTrue(row[1] < 128 && row[2] > 128, java.util.Arrays.toString(row));
    }

    @Test
    void trainAndTestFoldersAreTakenAsTheSplit() throws IOException {
        DrawnShapes.write(dir.resolve("train"), 5, true, 3);
        DrawnShapes.write(dir.resolve("test"), 2, false, 4);
        DataSource data = ImageFolder.read(dir, new InputShape(3, 16, 16));
        assertEquals(15, data.train().size());
        assertEquals(6, data.test().size());
    }

    @Test
    void withoutAShapeTheFirstImageGivesItAndOtherSizesAreRefusedByName() throws IOException {
        Path folder = twoClasses();
        write(DrawnShapes.draw("disc", 12, false, new Random(1)), folder.resolve("a/1.png"));
        write(DrawnShapes.draw("disc", 12, false, new Random(2)), folder.resolve("b/1.png"));
        assertEquals(new InputShape(3, 12, 12), ImageFolder.read(dir, null).train().shape()); // colour: RGB
        write(DrawnShapes.draw("disc", 13, false, new Random(3)), folder.resolve("b/2.png"));
        DataException e = assertThrows(DataException.class, () -> ImageFolder.read(dir, null));
        assertTrue(e.getMessage().startsWith(folder.resolve("b/2.png") + ": is 13x13 pixels but the images are "
                + "12x12"), e.getMessage());
        assertEquals(new InputShape(3, 9, 9), ImageFolder.read(dir, new InputShape(3, 9, 9)).train().shape());
    }

    @Test
    void anEmptyClassFolderIsNamed() throws IOException {
        DrawnShapes.write(dir, 7, true, 5);
        Files.createDirectories(dir.resolve("empty"));
        DataException e = assertThrows(DataException.class, () -> ImageFolder.read(dir, null));
        assertTrue(e.getMessage().startsWith(dir.resolve("empty") + ": no images"), e.getMessage());
    }

    @Test
    void anUnreadableImageIsNamed() throws IOException {
        DrawnShapes.write(dir, 7, true, 6);
        Files.writeString(dir.resolve("disc/0003.png"), "not a PNG");
        DataException e = assertThrows(DataException.class, () -> ImageFolder.read(dir, new InputShape(1, 8, 8)));
        assertTrue(e.getMessage().startsWith(dir.resolve("disc/0003.png") + ": not a readable image"),
                e.getMessage());
    }

    @Test
    void oneClassOnlyIsRefused() throws IOException {
        Files.createDirectories(dir.resolve("only"));
        write(DrawnShapes.draw("disc", 12, true, new Random(1)), dir.resolve("only/1.png"));
        DataException e = assertThrows(DataException.class, () -> ImageFolder.read(dir, null));
        assertEquals(dir + ": only one class folder (only); a classifier needs at least 2 classes", e.getMessage());
    }

    @Test
    void aTestClassWithoutTrainingImagesIsRefused() throws IOException {
        DrawnShapes.write(dir.resolve("train"), 3, true, 7);
        DrawnShapes.write(dir.resolve("test"), 1, true, 8);
        Files.createDirectories(dir.resolve("test/stray"));
        DataException e = assertThrows(DataException.class, () -> ImageFolder.read(dir, null));
        assertTrue(e.getMessage().startsWith(dir.resolve("test/stray") + ": class stray has no folder"),
                e.getMessage());
    }

    @Test
    void anIdxDirectoryIsNotAnImageFolder() throws IOException {
        IdxFiles.dataset(dir, 30, 9);
        assertFalse(ImageFolder.looksLike(dir));
    }

    /** {@code train/} and {@code test/} with classes a and b, to write images into: their {@code train/}. */
    private Path twoClasses() throws IOException {
        for (String name : new String[] {"a", "b"}) {
            Files.createDirectories(dir.resolve("train").resolve(name));
            write(DrawnShapes.draw("disc", 12, true, new Random(9)), Files.createDirectories(
                    dir.resolve("test").resolve(name)).resolve("1.png"));
        }
        return dir.resolve("train");
    }

    private static int[] filled(int n, int value) {
        int[] values = new int[n];
        java.util.Arrays.fill(values, value);
        return values;
    }

    private static void write(BufferedImage image, Path file) throws IOException {
        ImageIO.write(image, "png", file.toFile());
    }
}
