package io.smartnas.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import io.smartnas.evaluator.data.DrawnShapes;
import io.smartnas.space.Cell;
import io.smartnas.space.InputShape;
import io.smartnas.space.SmartNetConfig;
import io.smartnas.space.config.ConfigDocument;
import io.smartnas.space.config.ConfigFile;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A user's own image folder, gray and RGB, through train and infer; and every kind of bad folder refused. */
@Tag("slow")
class ImageFolderCommandsTest {
    @TempDir
    Path dir;

    @Test
    void aGrayFolderTrainsAndInfers() throws IOException {
        trainsAndInfers(1, true);
    }

    @Test
    void anRgbFolderTrainsWithAugmentationAndInfers() throws IOException {
        Path model = trainsAndInfers(3, false, "--crop-padding", "2", "--flip");
        assertEquals("crop 2, flip", Json.MAPPER.readTree(model.resolve("config.json").toFile()).get("training")
                .get("augmentation").asText(), "the model says how it was trained");
    }

    private Path trainsAndInfers(int channels, boolean gray, String... augmentation) throws IOException {
        Path images = DrawnShapes.write(dir.resolve("shapes"), 120, gray, channels);
        Path config = config(channels);
        Path model = dir.resolve("model");
        List<String> args = new ArrayList<>(List.of("train", config.toString(), "--data", images.toString(),
                "--epochs", "6", "--out", model.toString(), "--json"));
        args.addAll(List.of(augmentation));
        Cli train = Cli.run(args.toArray(String[]::new));
        assertEquals(ExitCodes.OK, train.exitCode(), train.err());
        JsonNode trained = Json.MAPPER.readTree(train.out().lines().reduce((a, b) -> b).orElseThrow());
        JsonNode exits = trained.get("exits");
        double lastTest = exits.get(exits.size() - 1).get("test_accuracy").asDouble();
        assertTrue(lastTest > 0.6, "three drawn shapes, chance 0.33: test accuracy " + lastTest);
        Cli infer = Cli.run("infer", model.toString(), "--data", images.toString(), "--json");
        assertEquals(ExitCodes.OK, infer.exitCode(), infer.err());
        JsonNode inferred = Json.MAPPER.readTree(infer.out().lines().reduce((a, b) -> b).orElseThrow());
        assertEquals(lastTest, inferred.get("last_exit_accuracy").asDouble(), 1e-9,
                "infer reads the folder as train did");
        Cli remembered = Cli.run("infer", model.toString(), "--json");
        assertEquals(ExitCodes.OK, remembered.exitCode(), "a model remembers its data: " + remembered.err());
        assertEquals(lastTest, Json.MAPPER.readTree(remembered.out().lines().reduce((a, b) -> b).orElseThrow())
                .get("last_exit_accuracy").asDouble(), 1e-9, "without --data, infer reads the model's own folder");
        Path twoClasses = DrawnShapes.write(dir.resolve("two-classes"), 20, gray, 2);
        try (var square = Files.list(twoClasses.resolve("square"))) {
            for (Path image : square.toList()) {
                Files.delete(image);
            }
        }
        Files.delete(twoClasses.resolve("square"));
        Cli other = Cli.run("infer", model.toString(), "--data", twoClasses.toString());
        refused(other, "is for [" + channels + ", 16, 16] images in 3 classes, but ");
        refused(other, " has [" + channels + ", 16, 16] images in 2 classes");
        return model;
    }

    @Test
    void everyKindOfBadFolderIsRefusedNamingTheFile() throws IOException {
        Path config = config(1);
        Path empty = DrawnShapes.write(dir.resolve("empty"), 7, true, 1);
        Files.createDirectories(empty.resolve("nothing"));
        refused(Cli.run("train", config.toString(), "--data", empty.toString()), empty.resolve("nothing")
                + ": no images");
        Path broken = DrawnShapes.write(dir.resolve("broken"), 7, true, 2);
        Files.writeString(broken.resolve("disc/0002.png"), "truncated");
        refused(Cli.run("train", config.toString(), "--data", broken.toString()), broken.resolve("disc/0002.png")
                + ": not a readable image");
        Path alone = Files.createDirectories(dir.resolve("alone/only"));
        javax.imageio.ImageIO.write(DrawnShapes.draw("disc", 16, true, new Random(1)), "png",
                alone.resolve("1.png").toFile());
        refused(Cli.run("train", config.toString(), "--data", alone.getParent().toString()), "only one class");
        Path mixed = DrawnShapes.write(dir.resolve("mixed"), 7, true, 3);
        refused(Cli.run("search", "--data", mixed.toString(), "--db", dir.resolve("r.mv.db").toString()),
                "pixels but the images are 23x23 (the first one's size)");
        // With --input the folder is resized and read: the search goes on to be refused for its target.
        refused(Cli.run("search", "--data", mixed.toString(), "--input", "1,16,16", "--max-params", "1", "--db",
                dir.resolve("r.mv.db").toString()), "no network of this space meets the memory target");
    }

    private static void refused(Cli cli, String expected) {
        assertEquals(ExitCodes.BAD_INPUT, cli.exitCode(), cli.err());
        assertTrue(cli.err().contains(expected), cli.err());
    }

    /** A two-exit SmartNet for 16x16 images of three classes. */
    private Path config(int channels) throws IOException {
        SmartNetConfig config = new SmartNetConfig(new InputShape(channels, 16, 16), 3, 8, 4, 2, List.of(8, 8),
                List.of(new Cell(0, 0, 1, List.of()), new Cell(0, 1, 1, List.of()), new Cell(1, 1, 1, List.of(0))));
        Path file = dir.resolve("shapes-" + channels + ".json");
        ConfigFile.write(ConfigDocument.of(config), file);
        return file;
    }
}
