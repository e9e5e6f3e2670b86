package io.smartnas.evaluator.data;

import io.smartnas.space.InputShape;
import io.smartnas.space.Printable;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Labelled images in an image folder: one subfolder per class (named as the class, in name order the labels
 * 0..N-1), each holding PNG, JPEG, GIF or BMP files of any size, gray or colour. With {@code train/} and {@code test/}
 * subfolders, each of them holds the class folders (every test class a training class too); without them one image
 * in {@value #TEST_SHARE} of each class (in name order) tests and the rest train. Files of other extensions and
 * hidden files are skipped.
 *
 * <p>Images become the shape asked for: gray ones are repeated over three channels, colour ones become gray by
 * ITU-R BT.601 luma ({@code 0.299 R + 0.587 G + 0.114 B}), and with {@code resize} every image is resized to the
 * shape's height and width (bilinear, as PyTorch's {@code interpolate} with {@code align_corners=False}). Without a
 * shape, the first image (in name order) gives it and nothing is resized: every image must be that size.
 */
public final class ImageFolder {
    /** Without {@code train/} and {@code test/} folders, one image in this many of each class tests. */
    public static final int TEST_SHARE = 7;
    /** The most pixels an image may declare: what a 4096x4096 image has. */
    public static final long MAX_PIXELS = 4096L * 4096;
    private static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "gif", "bmp");

    private ImageFolder() {
    }

    /** Whether {@code dir} is laid out as an image folder rather than a directory of IDX files. */
    public static boolean looksLike(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.anyMatch(Files::isDirectory);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * @param shape the shape the images become, or null for the first image's own (then nothing is resized)
     * @throws DataException naming the folder or file that is empty, unreadable, of another size, or alone
     */
    public static DataSource read(Path dir, InputShape shape) {
        Path train = dir.resolve("train");
        Path test = dir.resolve("test");
        boolean split = Files.isDirectory(train) || Files.isDirectory(test);
        if (split && !(Files.isDirectory(train) && Files.isDirectory(test))) {
            throw new DataException(Printable.path(dir) + ": has " + (Files.isDirectory(train) ? "train/ but no test/"
                    : "test/ but no train/") + "; an image folder has both or neither");
        }
        List<String> classes = classes(split ? train : dir);
        List<List<Path>> trainFiles = new ArrayList<>();
        List<List<Path>> testFiles = new ArrayList<>();
        for (String name : classes) {
            if (split) {
                trainFiles.add(images(train.resolve(name)));
            } else {
                List<Path> all = images(dir.resolve(name));
                trainFiles.add(IntStream.range(0, all.size()).filter(i -> i % TEST_SHARE != TEST_SHARE - 1)
                        .mapToObj(all::get).toList());
                testFiles.add(IntStream.range(0, all.size()).filter(i -> i % TEST_SHARE == TEST_SHARE - 1)
                        .mapToObj(all::get).toList());
            }
        }
        if (split) {
            List<String> testClasses = classes(test);
            for (String name : testClasses) {
                if (!classes.contains(name)) {
                    throw new DataException(Printable.path(test.resolve(name)) + ": class " + Printable.text(name) + " has no folder in " + Printable.path(train));
                }
            }
            for (String name : classes) {
                Path folder = test.resolve(name);
                testFiles.add(Files.isDirectory(folder) ? images(folder) : List.of());
            }
        }
        InputShape target = shape != null ? shape : shapeOf(trainFiles.get(0).get(0));
        boolean resize = shape != null;
        if (target.channels() != 1 && target.channels() != 3) {
            throw new DataException(Printable.path(dir) + ": images of an image folder become 1 (gray) or 3 (RGB) channels, not "
                    + target.channels());
        }
        if (testFiles.stream().allMatch(List::isEmpty)) {
            throw new DataException(Printable.path(dir) + ": too few images to set one in " + TEST_SHARE + " of a class aside for "
                    + "testing; add images, or give train/ and test/ folders");
        }
        return new DataSource(dir.toString(), set(trainFiles, target, resize), set(testFiles, target, resize));
    }

    private static List<String> classes(Path dir) {
        List<String> names;
        try (Stream<Path> entries = Files.list(dir)) {
            names = entries.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(name -> !name.startsWith(".")).sorted().toList();
        } catch (IOException e) {
            throw new DataException(Printable.path(dir) + ": cannot be listed (" + e.getMessage() + ")", e);
        }
        if (names.isEmpty()) {
            throw new DataException(Printable.path(dir) + ": no class folders; an image folder has one subfolder of images per "
                    + "class (or train/ and test/ with them)");
        }
        if (names.size() == 1) {
            throw new DataException(Printable.path(dir) + ": only one class folder (" + Printable.text(names.get(0)) + "); a classifier needs at "
                    + "least 2 classes");
        }
        return names;
    }

    private static List<Path> images(Path folder) {
        List<Path> files;
        try (Stream<Path> entries = Files.list(folder)) {
            files = entries.filter(ImageFolder::isImage).sorted().toList();
        } catch (IOException e) {
            throw new DataException(Printable.path(folder) + ": cannot be listed (" + e.getMessage() + ")", e);
        }
        if (files.isEmpty()) {
            throw new DataException(Printable.path(folder) + ": no images (PNG, JPEG, GIF or BMP files) in this class folder");
        }
        return files;
    }

    private static boolean isImage(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return !name.startsWith(".") && dot > 0 && (Files.isRegularFile(file) || Printable.undecodable(file))
                && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private static InputShape shapeOf(Path file) {
        Decoded image = decode(file);
        return new InputShape(image.gray() ? 1 : 3, image.height(), image.width());
    }

    private static ImageSet set(List<List<Path>> files, InputShape shape, boolean resize) {
        List<Path> all = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int c = 0; c < files.size(); c++) {
            for (Path file : files.get(c)) {
                all.add(file);
                labels.add(c);
            }
        }
        int perImage = (int) shape.size();
        byte[] pixels = new byte[all.size() * perImage];
        IntStream.range(0, all.size()).parallel().forEach(i -> {
            Decoded image = decode(all.get(i));
            if (!resize && (image.height() != shape.height() || image.width() != shape.width())) {
                throw new DataException(Printable.path(all.get(i)) + ": is " + image.width() + "x" + image.height() + " pixels but "
                        + "the images are " + shape.width() + "x" + shape.height() + " (the first one's size); make "
                        + "them one size, or give the input shape (a config's input, search --input) to resize them");
            }
            image.write(shape, pixels, i * perImage);
        });
        return new ImageSet(shape, files.size(), pixels, labels.stream().mapToInt(Integer::intValue).toArray());
    }

    /**
     * The image in {@code file}, its size read from its header first: an image that declares more than
     * {@link #MAX_PIXELS} pixels is refused before anything is decoded (a small PNG may declare 30000 x 30000).
     */
    private static Decoded decode(Path file) {
        if (Printable.undecodable(file)) {
            throw new DataException(Printable.path(file) + ": its name is not valid in the file-name encoding ("
                    + System.getProperty("sun.jnu.encoding") + "), so it cannot be opened; rename it");
        }
        try (InputStream bytes = Files.newInputStream(file);
             ImageInputStream in = new MemoryCacheImageInputStream(bytes)) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new DataException(Printable.path(file) + ": not a readable image (no PNG, JPEG, GIF or BMP decoder takes it)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long width = reader.getWidth(0);
                long height = reader.getHeight(0);
                if (width * height > MAX_PIXELS) {
                    throw new DataException(Printable.path(file) + ": declares " + width + "x" + height + " pixels, more than the "
                            + MAX_PIXELS + " (4096x4096) an image may have; shrink it, or leave it out of the folder");
                }
                return Decoded.of(reader.read(0));
            } finally {
                reader.dispose();
            }
        } catch (AccessDeniedException e) {
            throw new DataException(Printable.path(file) + ": not readable (permission denied)", e);
        } catch (IOException | RuntimeException e) {
            if (e instanceof DataException d) {
                throw d;
            }
            throw new DataException(Printable.path(file) + ": not a readable image (" + e.getMessage() + ")", e);
        }
    }

    /**
     * One image as channels of values 0..255, {@code [channels][y * width + x]}: one channel for gray, three for RGB.
     */
    private record Decoded(int width, int height, float[][] channels) {
        static Decoded of(BufferedImage image) {
            int w = image.getWidth();
            int h = image.getHeight();
            Raster raster = image.getRaster();
            boolean gray = !(image.getColorModel() instanceof IndexColorModel)
                    && image.getColorModel().getNumColorComponents() == 1;
            if (gray) {
                // The raster's own values: getRGB would map a linear gray colour space to sRGB and brighten them.
                float scale = 255f / ((1 << raster.getSampleModel().getSampleSize(0)) - 1);
                float[] values = new float[w * h];
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        values[y * w + x] = raster.getSample(x, y, 0) * scale;
                    }
                }
                return new Decoded(w, h, new float[][] {values});
            }
            float[][] rgb = new float[3][w * h];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int argb = image.getRGB(x, y);
                    rgb[0][y * w + x] = (argb >> 16) & 0xff;
                    rgb[1][y * w + x] = (argb >> 8) & 0xff;
                    rgb[2][y * w + x] = argb & 0xff;
                }
            }
            return new Decoded(w, h, rgb);
        }

        boolean gray() {
            return channels.length == 1;
        }

        /** Writes the image as {@code shape} into {@code out} from {@code offset}, channel by channel. */
        void write(InputShape shape, byte[] out, int offset) {
            float[][] planes = shape.channels() == channels.length ? channels
                    : shape.channels() == 3 ? new float[][] {channels[0], channels[0], channels[0]}
                    : new float[][] {luma()};
            int k = offset;
            for (float[] plane : planes) {
                float[] resized = resize(plane, shape.height(), shape.width());
                for (float v : resized) {
                    out[k++] = (byte) Math.max(0, Math.min(255, Math.round(v)));
                }
            }
        }

        private float[] luma() {
            float[] values = new float[width * height];
            for (int i = 0; i < values.length; i++) {
                values[i] = 0.299f * channels[0][i] + 0.587f * channels[1][i] + 0.114f * channels[2][i];
            }
            return values;
        }

        private float[] resize(float[] plane, int h, int w) {
            if (h == height && w == width) {
                return plane;
            }
            float[] out = new float[h * w];
            float sy = (float) height / h;
            float sx = (float) width / w;
            for (int y = 0; y < h; y++) {
                float fy = Math.max(0, (y + 0.5f) * sy - 0.5f);
                int y0 = Math.min((int) fy, height - 1);
                int y1 = Math.min(y0 + 1, height - 1);
                float dy = fy - y0;
                for (int x = 0; x < w; x++) {
                    float fx = Math.max(0, (x + 0.5f) * sx - 0.5f);
                    int x0 = Math.min((int) fx, width - 1);
                    int x1 = Math.min(x0 + 1, width - 1);
                    float dx = fx - x0;
                    float top = plane[y0 * width + x0] * (1 - dx) + plane[y0 * width + x1] * dx;
                    float bottom = plane[y1 * width + x0] * (1 - dx) + plane[y1 * width + x1] * dx;
                    out[y * w + x] = top * (1 - dy) + bottom * dy;
                }
            }
            return out;
        }
    }
}
