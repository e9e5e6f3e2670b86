package io.smartnas.evaluator.net;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.nn.Block;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smartnas.space.InvalidInputException;
import io.smartnas.space.SmartNetConfig;
import io.smartnas.space.config.ConfigDocument;
import io.smartnas.space.config.ConfigFile;
import io.smartnas.space.config.StoredFiles;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A trained SmartNet on disk: its config file ({@code config.json}, with whatever the trainer adds) and one parameter
 * file per exit group ({@code group-0.params}, ...). Loading exits {@code 0..k-1} reads the config and groups
 * {@code 0..k-1} and nothing else, so a small device never touches the later groups.
 */
public final class ExitGroupFiles {
    public static final String CONFIG = "config.json";
    private static final String MAGIC = "smartnet-exit-group";
    private static final int VERSION = 1;

    private ExitGroupFiles() {
    }

    /** The parameter file of exit group {@code group}. */
    public static String groupFile(int group) {
        return "group-" + group + ".params";
    }

    /** Writes the model's config (with {@code extras}) and one file per exit group into {@code dir}. */
    public static void save(SmartNetModel model, ObjectNode extras, Path dir) throws IOException {
        Files.createDirectories(dir);
        SmartNetConfig config = model.config();
        for (int group = 0; group < config.size(); group++) {
            Path file = dir.resolve(groupFile(group));
            Path temporary = StoredFiles.temporary(file);
            try {
                try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(
                        temporary)))) {
                    out.writeUTF(MAGIC);
                    out.writeInt(VERSION);
                    out.writeUTF(config.id());
                    out.writeInt(group);
                    for (Block block : model.block().group(group)) {
                        block.saveParameters(out);
                    }
                }
                StoredFiles.publish(temporary, file);
            } finally {
                Files.deleteIfExists(temporary);
            }
        }
        ConfigFile.write(new ConfigDocument(config, extras), dir.resolve(CONFIG));
    }

    /** The config file of a saved model, with what the trainer added. */
    public static ConfigDocument document(Path dir) {
        return ConfigFile.readDocument(dir.resolve(CONFIG));
    }

    /**
     * The first {@code exits} exits of the model saved in {@code dir}, on {@code device}.
     *
     * @throws InvalidInputException if the directory is not a saved model, asks for more exits than it has, or a
     *                               group file belongs to another network or is damaged
     */
    public static SmartNetModel load(Path dir, int exits, Device device) {
        SmartNetConfig saved = document(dir).config();
        if (exits < 1 || exits > saved.size()) {
            throw new InvalidInputException(dir + ": the model has " + saved.size() + " exit(s); cannot load "
                    + exits);
        }
        SmartNetModel model = SmartNetModel.create(saved.prefix(exits), device, 0);
        try {
            loadInto(model, dir, exits);
            return model;
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /**
     * Reads exit groups {@code 0..groups-1} of the model saved in {@code dir} into {@code model}, whose first columns
     * must be the saved model's (a model grown from it, say).
     *
     * @throws InvalidInputException if a group file is missing, damaged or of another network
     */
    public static void loadInto(SmartNetModel model, Path dir, int groups) {
        SmartNetConfig saved = document(dir).config();
        if (!model.config().prefix(groups).equals(saved.prefix(groups))) {
            throw new InvalidInputException(dir + ": its first " + groups + " column(s) differ from the network's");
        }
        for (int group = 0; group < groups; group++) {
            readGroup(model, dir.resolve(groupFile(group)), saved.id(), group);
        }
    }

    private static void readGroup(SmartNetModel model, Path file, String id, int group) {
        StoredFiles.verify(file);
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            if (!MAGIC.equals(in.readUTF()) || in.readInt() != VERSION) {
                throw new InvalidInputException(file + ": not an exit-group file of this version");
            }
            String fileId = in.readUTF();
            int fileGroup = in.readInt();
            if (!fileId.equals(id) || fileGroup != group) {
                throw new InvalidInputException(file + ": holds group " + fileGroup + " of network " + fileId
                        + ", expected group " + group + " of " + id);
            }
            for (Block block : model.block().group(group)) {
                block.loadParameters(model.model().getNDManager(), in);
            }
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": missing; the model directory is incomplete");
        } catch (EOFException e) {
            throw new InvalidInputException(file + ": damaged: it ends before exit group " + group + "'s parameters "
                    + "do (truncated?)", e);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            throw new InvalidInputException(file + ": damaged: exit group " + group + "'s parameters do not read ("
                    + (e.getMessage() != null ? e.getMessage() : "unreadable data") + ")", e);
        }
    }
}
