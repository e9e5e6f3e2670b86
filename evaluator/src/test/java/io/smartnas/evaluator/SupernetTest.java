package io.smartnas.evaluator;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.smartnas.evaluator.data.Batches;
import io.smartnas.evaluator.data.ImageSet;
import io.smartnas.evaluator.net.SmartNetModel;
import io.smartnas.evaluator.net.SubnetForward;
import io.smartnas.evaluator.net.TorchStateDict;
import io.smartnas.space.SearchSpace;
import io.smartnas.space.InvalidInputException;
import io.smartnas.space.SmartNetConfig;
import io.smartnas.space.SpaceBounds;
import io.smartnas.space.evaluation.Assignment;
import io.smartnas.space.evaluation.Evaluation;
import io.smartnas.space.evaluation.Fidelity;
import io.smartnas.space.run.Augmentation;
import io.smartnas.space.run.TrainingMode;
import io.smartnas.space.run.TrainingSettings;
import io.smartnas.space.supernet.SpaceNetworks;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A supernet trains on time into checkpoints that a later process resumes from, refuses to resume as another training,
 * and gives its sub-networks their weights.
 */
@Tag("slow")
class SupernetTest {
    private static final SpaceBounds SPACE = new SpaceBounds(2, 1, List.of(4, 8), List.of(4, 8), TinyTask.SHAPE, 4,
            4, List.of(0, 1));
    private static final TrainingSettings TRAINING = new TrainingSettings(TrainingMode.JOINT, 32, 0.01f, 0f,
            List.of(), 5, Augmentation.NONE);
    private static final Duration TIME = Duration.ofSeconds(3);

    @TempDir
    Path dir;

    private static final Supernet.Progress QUIET = new Supernet.Progress() {
        @Override
        public void step(int phase, int phases, int step, int steps, float loss) {
        }

        @Override
        public void resumed(Supernet.Record record) {
        }
    };

    private Supernet.Record train(SpaceBounds space, Dataset data, Duration time) {
        return Supernet.train(space, data, TRAINING, time, DeviceSpec.CPU, QUIET, dir);
    }

    @Test
    void aTrainingResumesFromItsLastCheckpointAndRefusesToBecomeAnother() throws Exception {
        Dataset data = Dataset.load("synthetic", TinyTask.SHAPE, 4, TRAINING.seed());
        Supernet.Record first = train(SPACE, data, TIME);
        assertTrue(first.finished() && first.steps() > 0, first.toString());
        assertTrue(Files.isRegularFile(dir.resolve(first.checkpoint()).resolve(ModelDirectory.CONFIG)));
        assertEquals(SpaceNetworks.largest(SPACE), ModelDirectory.of(dir.resolve(first.checkpoint())).config());

        // as if killed a second and a half in: the record names the checkpoint, with the time it had then
        Supernet.write(dir, new Supernet.Record(first.format(), first.space(), first.data(), first.dataChecksum(),
                first.training(), first.rule(), first.budgetSeconds(), 1.5, first.steps(), first.images(),
                first.checkpoint()));
        Supernet.Record resumed = train(SPACE, data, TIME);
        assertTrue(resumed.steps() > first.steps() && resumed.finished(), resumed.toString());
        assertNotEquals(first.checkpoint(), resumed.checkpoint());
        assertFalse(Files.exists(dir.resolve(first.checkpoint())), "the checkpoint before is deleted");
        assertEquals(resumed, train(SPACE, data, TIME), "a finished training is not trained again");

        assertTrue(assertThrows(InvalidInputException.class, () -> train(SPACE, data, Duration.ofSeconds(4)))
                .getMessage().contains("--time 3s"));
        assertTrue(assertThrows(InvalidInputException.class, () -> train(SPACE.withBases(List.of(0)), data, TIME))
                .getMessage().contains("another space"));
        Dataset other = Dataset.load("synthetic", TinyTask.SHAPE, 4, 12);
        assertTrue(assertThrows(InvalidInputException.class, () -> train(SPACE, other, TIME))
                .getMessage().contains("other data"));
    }

    @Test
    void aSubNetworkIsMeasuredWithTheSupernetsWeightsAtItsChannels() {
        Dataset data = Dataset.load("synthetic", TinyTask.SHAPE, 4, TRAINING.seed());
        train(SPACE, data, TIME);
        try (SupernetWeights supernet = SupernetWeights.open(dir)) {
            assertEquals(Supernet.id(dir), supernet.id());
            CandidateTrainer trainer = new CandidateTrainer(new EvaluationSetup(data.source(), TRAINING,
                    TinyTask.QUICK_TIMING, false, supernet));
            SmartNetConfig smallest = SpaceNetworks.smallest(SPACE);
            try (TrainedCandidate cut = trainer.train(Assignment.fresh(smallest, Fidelity.inherited(supernet.id())),
                    null, Device.cpu(), TrainingProgress.NONE)) {
                Evaluation e = cut.evaluation();
                assertTrue(e.ok(), e.error());
                assertEquals(Fidelity.inherited(supernet.id()), e.fidelity());
                assertEquals("0", e.provenance().get("trained_images"));
                assertTrue(e.provenance().get("supernet").startsWith(supernet.id() + " in "));
                float[] big = TorchStateDict.of(supernet.model().block()).get("stem.weight").toFloatArray();
                float[] small = TorchStateDict.of(cut.model().block()).get("stem.weight").toFloatArray();
                assertArrayEquals(Arrays.copyOf(big, small.length), small, "the stem's first filters");
            }
            Fidelity other = Fidelity.inherited("000000000000");
            assertThrows(IllegalStateException.class, () -> trainer.train(Assignment.fresh(smallest, other), null,
                    Device.cpu(), TrainingProgress.NONE));
        }
    }

    @Test
    void aNetworkCutAndSavedComputesWhatTheSupernetComputesForIt() throws Exception {
        Dataset data = Dataset.load("synthetic", TinyTask.SHAPE, 4, TRAINING.seed());
        train(SPACE, data, TIME);
        SearchSpace space = new SearchSpace(SPACE);
        Path model = dir.resolve("model");
        SmartNetConfig sub = space.decode(space.random(new Random(3)));
        SupernetCut cut = SupernetCut.of(dir, sub, false, model);
        assertTrue(cut.largestDifference() <= 1e-5, cut.toString());
        ImageSet test = data.source().test().first(16);
        Batches batch = new Batches(test, ModelDirectory.of(model).normalization(), test.size(), 0);
        try (SupernetWeights supernet = SupernetWeights.open(dir);
             SmartNetModel saved = ModelDirectory.load(model, sub.size(), Device.cpu());
             NDManager scope = saved.model().getNDManager().newSubManager()) {
            NDArray images = batch.batch(scope, batch.inOrder(), 0).head();
            NDList own = new SubnetForward(supernet.model().block(), sub).forward(new ParameterStore(scope, false),
                    images, false);
            NDList loaded = saved.block().forward(new ParameterStore(scope, false), images, false, sub.size(), 0);
            for (int e = 0; e < sub.size(); e++) {
                assertTrue(own.get(e).sub(loaded.get(e)).abs().max().getFloat() <= 1e-5, "exit " + e);
            }
        }
        SmartNetConfig deeper = SpaceNetworks.largest(new SpaceBounds(2, 2, List.of(4, 8), List.of(4, 8),
                TinyTask.SHAPE, 4, 4, List.of(0, 1)));
        assertTrue(assertThrows(InvalidInputException.class, () -> SupernetCut.of(dir, deeper, false,
                dir.resolve("other"))).getMessage().contains("not a sub-network"));
    }
}
