package io.smartnas.evaluator;

import ai.djl.Device;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smartnas.evaluator.data.Batches;
import io.smartnas.evaluator.data.Normalization;
import io.smartnas.evaluator.data.Split;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.smartnas.evaluator.anytime.ExitOutcomes;
import io.smartnas.evaluator.data.ImageSet;
import io.smartnas.evaluator.net.Extraction;
import io.smartnas.evaluator.net.Recalibration;
import io.smartnas.evaluator.net.SmartNetModel;
import io.smartnas.evaluator.net.SubnetForward;
import io.smartnas.space.supernet.SubnetChannels;
import io.smartnas.evaluator.train.SupernetTraining;
import io.smartnas.space.InvalidInputException;
import io.smartnas.space.SearchSpace;
import io.smartnas.space.SmartNetConfig;
import io.smartnas.space.SpaceBounds;
import io.smartnas.space.config.JsonInput;
import io.smartnas.space.config.StoredFiles;
import io.smartnas.space.evaluation.Fidelity;
import io.smartnas.space.run.TrainingSettings;
import io.smartnas.space.supernet.SpaceNetworks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A supernet directory: a space's largest network trained so that every network of the space, cut out of it, works
 * ({@link SupernetTraining}), with what it is a supernet of. {@value #FILE} records the space, the data (and its
 * checksum), the training settings, the time the training has and has had, and which checkpoint holds its parameters: a
 * model directory ({@code checkpoint-STEPS/}, which {@code smartnas infer} reads as any model). A checkpoint is written
 * whole before {@value #FILE} names it, and the one before is deleted only then, so a training killed at any moment
 * resumes from the last checkpoint {@value #FILE} names.
 */
public final class Supernet {
    /** The file that makes a directory a supernet. */
    public static final String FILE = "supernet.json";
    static final String FORMAT = "smartnas-supernet/1";
    private static final String CHECKPOINT = "checkpoint-";
    /** Training images a network cut from a supernet recalibrates its batch norms on. */
    static final int RECALIBRATION_IMAGES = 256;
    /** Validation images a cut network's outputs are compared with the supernet's own on. */
    static final int CHECK_IMAGES = 256;
    /** What a training step does, in words, recorded with the supernet. */
    static final String RULE = "sandwich rule: per step the largest network learns from the labels, the smallest and "
            + SupernetTraining.RANDOM_PER_STEP + " drawn by the space's sampler from the largest's softmax at the same "
            + "exits (in-place distillation); one-cycle learning rate on time";
    private static final ObjectMapper JSON = JsonInput.strict(new ObjectMapper())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    /**
     * What {@value #FILE} holds.
     *
     * @param format         {@value #FORMAT}
     * @param space          the space it is the supernet of
     * @param data           the data as {@code --data} names it
     * @param dataChecksum   the data's checksum
     * @param training       how it trains (batch, peak learning rate, seed, augmentation)
     * @param rule           what a step does, in words
     * @param budgetSeconds  the training's whole time
     * @param trainedSeconds the training time behind its checkpoint
     * @param steps          steps behind its checkpoint
     * @param images         images the largest network saw by then
     * @param checkpoint     the checkpoint's directory, within the supernet's
     */
    public record Record(String format, SpaceBounds space, String data, String dataChecksum,
                         Map<String, String> training, String rule, long budgetSeconds, double trainedSeconds,
                         long steps, long images, String checkpoint) {
        /** Whether the training has had all its time. */
        public boolean finished() {
            return trainedSeconds >= budgetSeconds;
        }
    }

    private Supernet() {
    }

    /**
     * A supernet's parameters, loaded, to cut its sub-networks from; read only, so the evaluator's workers share it.
     */
    public static final class Weights implements AutoCloseable {
        private final Path dir;
        private final String id;
        private final Record record;
        private final SmartNetModel model;

        private Weights(Path dir, String id, Record record, SmartNetModel model) {
            this.dir = dir;
            this.id = id;
            this.record = record;
            this.model = model;
        }

        /** Its directory. */
        public Path dir() {
            return dir;
        }

        /** Its {@linkplain #id(Path) id}. */
        public String id() {
            return id;
        }

        /** What it is. */
        public Record record() {
            return record;
        }

        /** Its largest network with the checkpoint's parameters, on the CPU. */
        SmartNetModel model() {
            return model;
        }

        @Override
        public void close() {
            model.close();
        }
    }

    /**
     * The supernet in {@code dir}, its parameters loaded.
     *
     * @throws InvalidInputException if {@code dir} holds no supernet, or its checkpoint is damaged
     */
    public static Weights open(Path dir) {
        Record record = read(dir);
        SmartNetModel model = ModelDirectory.load(dir.resolve(record.checkpoint()), record.space().maxSize(),
                Device.cpu());
        if (!model.config().equals(SpaceNetworks.largest(record.space()))) {
            model.close();
            throw new InvalidInputException(dir.resolve(record.checkpoint()) + ": holds " + model.config().id()
                    + ", not the largest network of the supernet's space");
        }
        return new Weights(dir, id(dir), record, model);
    }

    /**
     * Sets the batch norms' statistics of a network cut from a supernet to those of the first
     * {@value #RECALIBRATION_IMAGES} of {@code train}: the supernet's were gathered over many sub-networks and fit none.
     */
    static void recalibrate(SmartNetModel model, ImageSet train, Normalization normalization) {
        Batches sample = new Batches(train.first(RECALIBRATION_IMAGES), normalization, RECALIBRATION_IMAGES, 0);
        try (NDManager images = model.model().getNDManager().newSubManager()) {
            Recalibration.of(model.block(), images, sample.batch(images, sample.inOrder(), 0).head());
        }
    }

    /**
     * A network cut out of a supernet and saved as a model directory.
     *
     * @param config            the network
     * @param supernet          the supernet's id
     * @param images            the validation images its outputs were compared on
     * @param largestDifference the largest difference between an output (a logit of any exit) of the supernet's own
     *                          forward pass for the network and of the cut network, before any recalibration
     * @param recalibrated      whether its batch norms were then recalibrated
     * @param validation        the accuracy of each exit on the validation images, as saved (what a search with
     *                          {@code --supernet} measures)
     * @param test              the accuracy of each exit on the test images, as saved
     */
    public record Cut(SmartNetConfig config, String supernet, int images, double largestDifference,
                      boolean recalibrated, List<Double> validation, List<Double> test) {
    }

    /**
     * Cuts {@code config} out of the supernet in {@code dir} and saves it in {@code out}, its batch norms recalibrated
     * when {@code recalibrate}; checks first that it computes what the supernet computes for it.
     *
     * @throws InvalidInputException if {@code config} is not a network of the supernet's space, or the supernet's data
     *                               is missing or changed
     */
    public static Cut cut(Path dir, SmartNetConfig config, boolean recalibrate, Path out) throws IOException {
        try (Weights supernet = open(dir)) {
            Record record = supernet.record();
            ModelDirectory checkpoint = ModelDirectory.of(dir.resolve(record.checkpoint()));
            Dataset data = Dataset.load(record.data(), record.space().input(), record.space().classes(),
                    checkpoint.seed());
            if (!data.checksum().equals(record.dataChecksum())) {
                throw new InvalidInputException(record.data() + " is not the data the supernet in " + dir
                        + " trained on (checksum " + data.checksum() + ", the supernet recorded "
                        + record.dataChecksum() + ")");
            }
            SubnetChannels channels;
            try {
                channels = SubnetChannels.of(supernet.model().config(), config);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(config.id() + ": " + e.getMessage(), e);
            }
            Split split = Split.standard(data.source().train(), checkpoint.seed());
            Normalization normalization = checkpoint.normalization();
            try (SmartNetModel model = SmartNetModel.create(config, Device.cpu(), checkpoint.seed())) {
                Extraction.transplant(supernet.model().block(), channels, model.block());
                ImageSet images = split.validation().first(CHECK_IMAGES);
                double difference = largestDifference(supernet.model(), model, images, normalization);
                if (recalibrate) {
                    recalibrate(model, split.train(), normalization);
                }
                ObjectNode extras = checkpoint.extras();
                extras.put("id", config.id());
                extras.put("cut_from", "supernet " + supernet.id() + " in " + dir.toAbsolutePath().normalize()
                        + (recalibrate ? ", batch norms recalibrated on " + Math.min(RECALIBRATION_IMAGES,
                        split.train().size()) + " training images" : ", batch norms as the supernet's"));
                ModelDirectory.save(model, extras, out);
                return new Cut(config, supernet.id(), images.size(), difference, recalibrate,
                        accuracies(model, split.validation(), normalization),
                        accuracies(model, data.source().test(), normalization));
            }
        }
    }

    private static List<Double> accuracies(SmartNetModel model, ImageSet images, Normalization normalization) {
        ExitOutcomes outcomes = ExitOutcomes.measure(model.block(), model.model().getNDManager(),
                new Batches(images, normalization, ExitOutcomes.BATCH, 0));
        return java.util.stream.IntStream.range(0, model.config().size()).mapToObj(outcomes::accuracy).toList();
    }

    /** The largest difference between a logit of the supernet's own pass for {@code cut}'s network and of {@code cut}. */
    private static double largestDifference(SmartNetModel supernet, SmartNetModel cut, ImageSet images,
                                            Normalization normalization) {
        Batches all = new Batches(images, normalization, images.size(), 0);
        try (NDManager scope = cut.model().getNDManager().newSubManager()) {
            NDArray x = all.batch(scope, all.inOrder(), 0).head();
            NDList own = new SubnetForward(supernet.block(), cut.config()).forward(new ParameterStore(scope, false), x,
                    false);
            NDList alone = cut.block().forward(new ParameterStore(scope, false), x, false, cut.config().size(), 0);
            double largest = 0;
            for (int e = 0; e < own.size(); e++) {
                largest = Math.max(largest, own.get(e).sub(alone.get(e)).abs().max().getFloat());
            }
            return largest;
        }
    }

    /** Whether {@code dir} holds a supernet. */
    public static boolean isSupernet(Path dir) {
        return Files.isRegularFile(dir.resolve(FILE));
    }

    /**
     * What the supernet in {@code dir} is.
     *
     * @throws InvalidInputException if {@code dir} holds no supernet, or a damaged one
     */
    public static Record read(Path dir) {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(dir + ": not a supernet (no " + FILE + "; smartnas supernet train --out "
                    + "writes one)");
        }
        StoredFiles.verify(file);
        Record record;
        try {
            record = JSON.treeToValue(JsonInput.readTree(file), Record.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new InvalidInputException(file + ": not a supernet record (" + e.getMessage() + ")", e);
        }
        if (!FORMAT.equals(record.format())) {
            throw new InvalidInputException(file + ": format must be " + FORMAT + ", got " + record.format());
        }
        if (record.checkpoint() == null || !record.checkpoint().matches(CHECKPOINT + "[0-9]+")) {
            throw new InvalidInputException(file + ": names no checkpoint of its own (" + record.checkpoint() + ")");
        }
        return record;
    }

    /** What the supernet's training did, or that it is resumed, in one line each. */
    public interface Progress extends TrainingProgress {
        /** The training goes on from a checkpoint that {@code record} describes. */
        void resumed(Record record);
    }

    /**
     * Trains the largest network of {@code space} as its supernet on {@code data} for {@code time}, into {@code out};
     * resumes the training {@code out} holds when it holds one of the same space, data and time.
     *
     * @return what the supernet directory records at the end
     * @throws InvalidInputException if {@code out} holds a supernet of another space, data or time, or anything else
     *                               that is not empty
     * @throws DivergedException     if a loss is NaN or infinite
     */
    public static Record train(SpaceBounds space, Dataset data, TrainingSettings training, Duration time,
                               DeviceSpec device, Progress progress, Path out) {
        Record record;
        if (isSupernet(out)) {
            record = read(out);
            refuseOther(out, record, space, data, time);
            progress.resumed(record);
            if (record.finished()) {
                return record;
            }
        } else {
            refuseNonEmpty(out);
            record = new Record(FORMAT, space, data.source().argument(), data.checksum(), training.provenance(),
                    RULE, time.toSeconds(), 0, 0, 0, null);
        }
        Split split = Split.standard(data.source().train(), training.seed());
        Normalization normalization = split.train().statistics();
        Batches train = new Batches(split.train(), normalization, training.batchSize(), training.seed(),
                training.augmentation());
        SmartNetConfig largest = SpaceNetworks.largest(space);
        Device on = device.first();
        CandidateTrainer.refuseBeyondDevice(largest, training.batchSize(), on);
        Record[] last = {record};
        while (true) {
            try (SmartNetModel model = SmartNetModel.create(largest, on, training.seed())) {
                if (last[0].checkpoint() != null) {
                    ModelDirectory.loadInto(model, out.resolve(last[0].checkpoint()), largest.size());
                }
                SupernetTraining.Standing from = new SupernetTraining.Standing(last[0].steps(), last[0].images(),
                        Duration.ofMillis(Math.round(last[0].trainedSeconds() * 1000)));
                SupernetTraining run = new SupernetTraining(model.model(), model.block(), new SearchSpace(space),
                        training, progress);
                Duration every = checkpointEvery(time);
                run.run(train, time, from, every, standing -> last[0] = save(out, model, last[0], standing,
                        training, normalization, data));
                progress.finished();
                return last[0];
            } catch (DivergedException e) {
                // The engine's hazard the probe at load missed (TorchRuntime): from the last checkpoint, filled.
                if (!TorchRuntime.zeroFillAfterNan()) {
                    throw e;
                }
            }
        }
    }

    /** How often a training of {@code time} saves a checkpoint: every 5% of it, from 10 s to 5 minutes. */
    static Duration checkpointEvery(Duration time) {
        long seconds = Math.max(10, Math.min(300, time.toSeconds() / 20));
        return Duration.ofSeconds(seconds);
    }

    private static void refuseOther(Path out, Record record, SpaceBounds space, Dataset data, Duration time) {
        if (!record.space().equals(space)) {
            throw new InvalidInputException(out + " holds a supernet of another space (" + record.space()
                    + "); resume it with its own settings, or give another --out");
        }
        if (!record.dataChecksum().equals(data.checksum())) {
            throw new InvalidInputException(out + " holds a supernet trained on other data (" + record.data()
                    + ", checksum " + record.dataChecksum() + "); give another --out");
        }
        if (record.budgetSeconds() != time.toSeconds()) {
            throw new InvalidInputException(out + " holds a supernet training of " + record.budgetSeconds()
                    + " s; resume it with --time " + record.budgetSeconds() + "s, or give another --out");
        }
    }

    private static void refuseNonEmpty(Path out) {
        try (Stream<Path> files = Files.exists(out) ? Files.list(out) : Stream.empty()) {
            if (files.findAny().isPresent()) {
                throw new InvalidInputException(out + " is not empty and holds no supernet; give an empty or new "
                        + "directory");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes the supernet as it stands into a new checkpoint directory, then {@value #FILE} naming it, then deletes
     * every other checkpoint.
     */
    private static Record save(Path out, SmartNetModel model, Record before, SupernetTraining.Standing standing,
                               TrainingSettings training, Normalization normalization, Dataset data) {
        String name = CHECKPOINT + standing.steps();
        try {
            ObjectNode extras = ModelDirectory.extras(model.config().id(), training, new Fidelity(1, 0),
                    normalization);
            ModelDirectory.recordData(extras, data.source());
            Path dir = out.resolve(name);
            ModelDirectory.save(model, extras, dir);
            Record record = new Record(FORMAT, before.space(), before.data(), before.dataChecksum(),
                    before.training(), before.rule(), before.budgetSeconds(), standing.spent().toMillis() / 1000.0,
                    standing.steps(), standing.images(), name);
            write(out, record);
            try (Stream<Path> old = Files.list(out)) {
                for (Path stale : old.filter(p -> p.getFileName().toString().startsWith(CHECKPOINT)
                        && !p.getFileName().toString().equals(name)).toList()) {
                    deleteTree(stale);
                }
            }
            return record;
        } catch (IOException e) {
            throw new UncheckedIOException("could not save the supernet's checkpoint in " + out + ": "
                    + e.getMessage(), e);
        }
    }

    /** Writes {@code record} as the supernet's {@value #FILE}, in one step. */
    static void write(Path dir, Record record) throws IOException {
        StoredFiles.write(dir.resolve(FILE), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(record)
                + System.lineSeparator());
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /**
     * The supernet's id: the first 12 hex digits of the SHA-256 of its checkpoint's checksum list, so it names the
     * parameters exactly (a supernet trained further is another).
     */
    public static String id(Path dir) {
        Record record = read(dir);
        Path sums = dir.resolve(record.checkpoint()).resolve(StoredFiles.SUMS);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(sums));
            return HexFormat.of().formatHex(digest).substring(0, 12);
        } catch (IOException e) {
            throw new InvalidInputException(sums + ": cannot be read (" + e.getMessage() + ")", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
