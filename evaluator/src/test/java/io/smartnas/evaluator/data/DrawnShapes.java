package io.smartnas.evaluator.data;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * An image folder of drawn shapes, as a user's own data would come: one subfolder per class (disc, square, cross),
 * PNG files of varied sizes, gray or colour, each shape drawn at a random place, size and colour.
 */
public final class DrawnShapes {
    /** The class folders, in label order. */
    public static final List<String> CLASSES = List.of("cross", "disc", "square");

    private DrawnShapes() {
    }

    /**
     * Writes {@code perClass} images of each class into {@code dir/CLASS/}, sides 18 to 26 pixels, gray (one channel)
     * when {@code gray}, else RGB.
     */
    public static Path write(Path dir, int perClass, boolean gray, long seed) throws IOException {
        Random random = new Random(seed);
        for (String name : CLASSES) {
            Path folder = Files.createDirectories(dir.resolve(name));
            for (int i = 0; i < perClass; i++) {
                ImageIO.write(draw(name, 18 + random.nextInt(9), gray, random), "png",
                        folder.resolve(String.format("%04d.png", i)).toFile());
            }
        }
        return dir;
    }

    /** One image of class {@code name}, {@code side} pixels square. */
    public static BufferedImage draw(String name, int side, boolean gray, Random random) {
        BufferedImage image = new BufferedImage(side, side, gray ? BufferedImage.TYPE_BYTE_GRAY
                : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(random.nextInt(60), random.nextInt(60), random.nextInt(60)));
        g.fillRect(0, 0, side, side);
        g.setColor(new Color(150 + random.nextInt(106), 150 + random.nextInt(106), 150 + random.nextInt(106)));
        int size = side / 2 + random.nextInt(side / 3);
        int x = random.nextInt(side - size + 1);
        int y = random.nextInt(side - size + 1);
        switch (name) {
            case "disc" -> g.fillOval(x, y, size, size);
            case "square" -> g.fillRect(x, y, size, size);
            default -> {
                g.setStroke(new BasicStroke(Math.max(2, size / 5f)));
                g.drawLine(x, y, x + size, y + size);
                g.drawLine(x, y + size, x + size, y);
            }
        }
        g.dispose();
        return image;
    }
}
