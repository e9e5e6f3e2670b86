package io.smartnas.evaluator;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.nn.Block;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smartnas.evaluator.anytime.ExitOutcomes;
import io.smartnas.evaluator.data.Batches;
import io.smartnas.evaluator.data.DataSource;
import io.smartnas.evaluator.data.ImageSet;
import io.smartnas.evaluator.data.Normalization;
import io.smartnas.evaluator.data.Split;
import io.smartnas.evaluator.net.SmartNetModel;
import io.smartnas.evaluator.net.TorchStateDict;
import io.smartnas.space.InvalidInputException;
import io.smartnas.space.SmartNetConfig;
import io.smartnas.space.config.ConfigDocument;
import io.smartnas.space.config.ConfigFile;
import io.smartnas.space.config.JsonInput;
import io.smartnas.space.config.EvaluationJson;
import io.smartnas.space.config.StoredFiles;
import io.smartnas.space.evaluation.Evaluation;
import io.smartnas.space.evaluation.Fidelity;
import io.smartnas.space.run.TrainingSettings;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UTFDataFormatException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A trained SmartNet on disk, the one owner of its format: its config file ({@code config.json}, with the training
 * settings, the normalisation and the metrics the trainer adds), one parameter file per exit group
 * ({@code group-0.params}, ...), {@code policy.json}, the calibrated exit policy, {@code model.safetensors}, the
 * whole network's parameters for PyTorch and other loaders outside DJL, and {@code anytime.json}, what anytime
 * inference did on the test images when the model was trained (for reports, which need not run the model again).
 * Loading exits {@code 0..k-1} reads the config and groups {@code 0..k-1} and nothing else, so a small device never
 * touches the later groups.
 */
final class ModelDirectory {
    static final String CONFIG = "config.json";
    static final String POLICY = "policy.json";
    static final String ANYTIME = "anytime.json";
    static final String SAFETENSORS = "model.safetensors";
    private static final String MAGIC = "smartnet-exit-group";
    private static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private final Path dir;
    private final ConfigDocument document;

    private ModelDirectory(Path dir, ConfigDocument document) {
        this.dir = dir;
        this.document = document;
    }

    /** @throws InvalidInputException if {@code dir} is not a trained model */
    static ModelDirectory of(Path dir) {
        if (!Files.isRegularFile(dir.resolve(CONFIG))) {
            throw new InvalidInputException(dir + ": not a trained model (no " + CONFIG
                    + "; smartnas train --out writes one)");
        }
        ModelDirectory model = new ModelDirectory(dir, document(dir));
        model.normalization();
        return model;
    }

    Path dir() {
        return dir;
    }

    SmartNetConfig config() {
        return document.config();
    }

    /** What the trainer added to the config file; a copy, to change for a model derived from this one. */
    ObjectNode extras() {
        return document.extras().deepCopy();
    }

    Normalization normalization() {
        JsonNode n = document.extras().get("normalization");
        if (n == null || !n.has("mean") || !n.has("std")) {
            throw new InvalidInputException(dir + ": " + CONFIG + " has no normalization; was it written by "
                    + "smartnas train?");
        }
        return new Normalization((float) n.get("mean").asDouble(), (float) n.get("std").asDouble());
    }

    /** The data the model trained on, as {@code --data} names it, or null for a model saved before models said. */
    String data() {
        JsonNode data = document.extras().get("data");
        return data != null && data.hasNonNull("source") ? data.get("source").asText() : null;
    }

    /** The seed the model trained with, which fixes its validation split. */
    long seed() {
        JsonNode training = document.extras().get("training");
        return training != null && training.has("seed") ? training.get("seed").asLong()
                : TrainingSettings.DEFAULT.seed();
    }

    /** What a freshly trained model's config file holds besides its config: id, training settings, normalisation. */
    static ObjectNode extras(String id, TrainingSettings training, Fidelity fidelity, Normalization normalization) {
        ObjectNode extras = JSON.createObjectNode();
        extras.put("id", id);
        ObjectNode settings = extras.putObject("training");
        training.provenance().forEach(settings::put);
        settings.put("epochs", fidelity.epochs());
        settings.put("subset", fidelity.subset());
        if (fidelity.timed()) {
            settings.put("seconds", fidelity.seconds());
        }
        extras.putObject("normalization").put("mean", normalization.mean()).put("std", normalization.std());
        return extras;
    }

    /** The first {@code exits} exits, reading only their exit groups. */
    SmartNetModel load(int exits, Device device) {
        return load(dir, exits, device);
    }

    /** The validation images of the model's training split, normalised as it trained. */
    Batches validation(DataSource data) {
        ImageSet validation = Split.standard(data.train(), seed()).validation();
        return new Batches(validation, normalization(), ExitOutcomes.BATCH, 0);
    }

    /** The saved exit policy cut to {@code exits}, or none (every input to the last exit) when there is none. */
    ExitPolicy policy(int exits) {
        Path file = dir.resolve(POLICY);
        if (!Files.exists(file)) {
            return ExitPolicy.lastExitOnly(exits);
        }
        StoredFiles.verify(file);
        return readPolicy(file).prefix(exits);
    }

    /**
     * An exit policy file.
     *
     * @throws InvalidInputException naming the file and what is wrong with it
     */
    static ExitPolicy readPolicy(Path file) {
        try {
            return ExitPolicy.of(JsonInput.readTree(file));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidInputException(file + ": not an exit policy (" + e.getMessage() + ")", e);
        }
    }

    /** Writes {@code policy.json} into {@code dir}. */
    static void writePolicy(Path dir, PolicyFile policy) throws IOException {
        StoredFiles.write(dir.resolve(POLICY), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(policy)
                + System.lineSeparator());
    }

    /**
     * Calibrates the policy of {@code goal} on the validation outcomes and writes it, with what it does on them, into
     * {@code dir}.
     */
    static PolicyFile calibrate(Path dir, ExitOutcomes validation, CalibrationGoal goal) throws IOException {
        ExitPolicy policy = goal.policy(validation);
        PolicyFile file = new PolicyFile(policy.thresholds(), goal.text(), PolicyOutcome.of(validation, policy));
        writePolicy(dir, file);
        return file;
    }

    /**
     * Saves a freshly trained candidate into {@code dir}: its config with how it was trained and what was measured, one
     * file per exit group, and the exit policy calibrated while it was measured.
     */
    static void saveTrained(TrainedCandidate trained, CandidateTrainer trainer, Fidelity fidelity, Path dir)
            throws IOException {
        Evaluation evaluation = trained.evaluation();
        ObjectNode extras = extras(evaluation.configId(), trainer.setup().training(), fidelity,
                trainer.normalization());
        recordData(extras, trainer.setup().data());
        extras.set("metrics", EvaluationJson.exits(evaluation));
        extras.set("provenance", EvaluationJson.provenance(evaluation));
        save(trained.model(), extras, dir);
        writePolicy(dir, new PolicyFile(trained.policy().thresholds(), CalibrationGoal.DEFAULT.text(),
                PolicyOutcome.of(trained.validation(), trained.policy())));
        if (trained.test() != null) {
            SavedModel.Anytime anytime = SavedModel.Anytime.of(trained.test(), trained.policy());
            StoredFiles.write(dir.resolve(ANYTIME), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(anytime)
                    + System.lineSeparator());
        }
    }

    /**
     * What anytime inference did on the test images when the model was trained, if that was stored and the saved
     * policy is still the one it was measured under (a model calibrated again since is measured again).
     */
    Optional<SavedModel.Anytime> anytime() {
        Path file = dir.resolve(ANYTIME);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        StoredFiles.verify(file);
        SavedModel.Anytime anytime;
        try {
            anytime = JSON.treeToValue(JsonInput.readTree(file), SavedModel.Anytime.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidInputException(file + ": not an anytime record (" + e.getMessage() + ")", e);
        }
        return anytime.policy().equals(policy(config().size()).thresholds()) ? Optional.of(anytime)
                : Optional.empty();
    }

    /**
     * Records in a model's {@code extras} the data it trained on last: as {@code --data} names it, and its checksum;
     * what {@link #data()} reads back.
     */
    static void recordData(ObjectNode extras, DataSource data) {
        extras.putObject("data").put("source", data.argument()).put("checksum", data.checksum());
    }

    /**
     * Saves a trained candidate's network as a checkpoint, for the next rung or for children to start from: its config
     * and one file per exit group, which {@link #loadInto} reads; no policy and no safetensors copy.
     */
    static void saveCheckpoint(TrainedCandidate trained, CandidateTrainer trainer, Path dir) throws IOException {
        Evaluation evaluation = trained.evaluation();
        Files.createDirectories(dir);
        writeGroups(trained.model(), dir);
        ConfigFile.write(new ConfigDocument(trained.model().config(), extras(evaluation.configId(),
                trainer.setup().training(), evaluation.fidelity(), trainer.normalization())), dir.resolve(CONFIG));
    }

    /** The parameter file of exit group {@code group}. */
    static String groupFile(int group) {
        return "group-" + group + ".params";
    }

    /** Writes the model's config (with {@code extras}) and one file per exit group into {@code dir}. */
    static void save(SmartNetModel model, ObjectNode extras, Path dir) throws IOException {
        Files.createDirectories(dir);
        writeGroups(model, dir);
        writeSafetensors(model, dir);
        ConfigFile.write(new ConfigDocument(model.config(), extras), dir.resolve(CONFIG));
    }

    /** Writes one parameter file per exit group of the model into {@code dir}. */
    private static void writeGroups(SmartNetModel model, Path dir) throws IOException {
        SmartNetConfig config = model.config();
        for (int group = 0; group < config.size(); group++) {
            byte[] bytes = GroupLayout.write(model, group, header(config.id(), group));
            StoredFiles.write(dir.resolve(groupFile(group)), file -> Files.write(file, bytes));
        }
    }

    /** The header of an exit-group file: what it is, its version, the network and the group it holds. */
    private static GroupLayout.Header header(String id, int group) {
        return out -> {
            out.writeUTF(MAGIC);
            out.writeInt(VERSION);
            out.writeUTF(id);
            out.writeInt(group);
        };
    }

    /**
     * Writes the whole network's parameters as {@code model.safetensors}, named as PyTorch's module tree names them
     * ({@link TorchStateDict}), for loaders outside DJL ({@code bench/pytorch_smartnet.py --model DIR}).
     */
    private static void writeSafetensors(SmartNetModel model, Path dir) throws IOException {
        StoredFiles.write(dir.resolve(SAFETENSORS), file -> Safetensors.write(TorchStateDict.of(model.block()),
                Map.of("format", "pt", "config_id", model.config().id()), file));
    }

    /** The config file of a saved model, with what the trainer added. */
    static ConfigDocument document(Path dir) {
        return ConfigFile.readDocument(dir.resolve(CONFIG));
    }

    /**
     * The first {@code exits} exits of the model saved in {@code dir}, on {@code device}.
     *
     * @throws InvalidInputException if the directory is not a saved model, asks for more exits than it has, or a
     *                               group file belongs to another network or is damaged
     */
    static SmartNetModel load(Path dir, int exits, Device device) {
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
    static void loadInto(SmartNetModel model, Path dir, int groups) {
        SmartNetConfig saved = document(dir).config();
        if (!model.config().prefix(groups).equals(saved.prefix(groups))) {
            throw new InvalidInputException(dir + ": its first " + groups + " column(s) differ from the network's");
        }
        List<GroupLayout> layouts = new ArrayList<>();
        for (int group = 0; group < groups; group++) {
            layouts.add(GroupLayout.of(model, group, header(saved.id(), group)));
        }
        for (int group = 0; group < groups; group++) {
            readGroup(model, dir.resolve(groupFile(group)), saved.id(), group, layouts.get(group));
        }
    }

    /**
     * Reads group {@code group} of network {@code id} from {@code file} into {@code model}, once the file has been
     * checked against {@code layout}, the one the model itself writes, so the engine never reads a length or shape the
     * config does not give.
     */
    private static void readGroup(SmartNetModel model, Path file, String id, int group, GroupLayout layout) {
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
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": missing; the model directory is incomplete");
        } catch (EOFException | UTFDataFormatException e) {
            throw new InvalidInputException(file + ": not an exit-group file (its header does not read)", e);
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
        DataInputStream in = layout.parameters(file);
        try (in) {
            for (Block block : model.block().group(group)) {
                block.loadParameters(model.model().getNDManager(), in);
            }
        } catch (IOException | MalformedModelException | RuntimeException e) {
            throw new InvalidInputException(file + ": damaged: exit group " + group + "'s parameters do not read ("
                    + (e.getMessage() != null ? e.getMessage() : "unreadable data") + ")", e);
        }
    }
}
