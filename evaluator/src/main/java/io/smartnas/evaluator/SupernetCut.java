package io.smartnas.evaluator;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smartnas.evaluator.anytime.ExitOutcomes;
import io.smartnas.evaluator.data.Batches;
import io.smartnas.evaluator.data.ImageSet;
import io.smartnas.evaluator.data.Normalization;
import io.smartnas.evaluator.data.Split;
import io.smartnas.evaluator.net.Extraction;
import io.smartnas.evaluator.net.Recalibration;
import io.smartnas.evaluator.net.SmartNetModel;
import io.smartnas.evaluator.net.SubnetForward;
import io.smartnas.space.InvalidInputException;
import io.smartnas.space.SmartNetConfig;
import io.smartnas.space.supernet.SubnetChannels;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

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
public record SupernetCut(SmartNetConfig config, String supernet, int images, double largestDifference,
                          boolean recalibrated, List<Double> validation, List<Double> test) {
    /** Training images a network cut from a supernet recalibrates its batch norms on. */
    static final int RECALIBRATION_IMAGES = 256;
    /** Validation images a cut network's outputs are compared with the supernet's own on. */
    static final int CHECK_IMAGES = 256;

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
     * Cuts {@code config} out of the supernet in {@code dir} and saves it in {@code out}, its batch norms recalibrated
     * when {@code recalibrate}; checks first that it computes what the supernet computes for it.
     *
     * @throws InvalidInputException if {@code config} is not a network of the supernet's space, or the supernet's data
     *                               is missing or changed
     */
    public static SupernetCut of(Path dir, SmartNetConfig config, boolean recalibrate, Path out) throws IOException {
        try (SupernetWeights supernet = SupernetWeights.open(dir)) {
            Supernet.Record record = supernet.record();
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
                return new SupernetCut(config, supernet.id(), images.size(), difference, recalibrate,
                        accuracies(model, split.validation(), normalization),
                        accuracies(model, data.source().test(), normalization));
            }
        }
    }

    private static List<Double> accuracies(SmartNetModel model, ImageSet images, Normalization normalization) {
        ExitOutcomes outcomes = ExitOutcomes.measure(model.block(), model.model().getNDManager(),
                new Batches(images, normalization, ExitOutcomes.BATCH, 0));
        return IntStream.range(0, model.config().size()).mapToObj(outcomes::accuracy).toList();
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
}
