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
import io.smartnas.evaluator.net.SmartNetModel;
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
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A supernet directory: a space's largest network trained so that every network of the space, cut out of it, works
 * ({@link SupernetTraining}), with what it is a supernet of. {@value #FILE} records the space, the data (and its
 * checksum), the training settings, the time the training has and has had, and which checkpoint holds its parameters: a
 * model directory ({@code checkpoint-STEPS/}, which {@code smartnas infer} reads as any model). A checkpoint is written
 * whole before {@value #FILE} names it, and the one before is deleted only then, so a training killed at any moment
 * resumes from the last checkpoint {@value #FILE} names. Its parameters are loaded as {@link SupernetWeights}; a
 * network of its space is cut out of it as a model by {@link SupernetCut}.
 */
public final class Supernet {
    /** The file that makes a directory a supernet. */
    public static final String FILE = "supernet.json";
    static final String FORMAT = "smartnas-supernet/1";
    private static final String CHECKPOINT = "checkpoint-";
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
            return StoredFiles.sha256(sums).substring(0, 12);
        } catch (IOException e) {
            throw new InvalidInputException(sums + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }
}
