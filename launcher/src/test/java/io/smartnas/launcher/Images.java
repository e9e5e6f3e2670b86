package io.smartnas.launcher;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small images for image-folder tests. */
final class Images {
    private Images() {
    }

    /** An image folder in {@code folder}: classes {@code a} and {@code b}, 8 gray 8x8 PNGs each. */
    static Path folder(Path folder) throws IOException {
        for (String label : new String[] {"a", "b"}) {
            Path classDir = Files.createDirectories(folder.resolve(label));
            for (int i = 0; i < 8; i++) {
                Files.write(classDir.resolve(i + ".png"), png(8, 8));
            }
        }
        return folder;
    }

    /** A gray PNG of the given size. */
    static byte[] png(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
