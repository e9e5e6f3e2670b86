package io.smartnas.space.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smartnas.space.InputShape;
import io.smartnas.space.InvalidInputException;
import io.smartnas.space.evaluation.Fidelity;
import io.smartnas.space.evaluation.LatencyMode;
import io.smartnas.space.evaluation.Targets;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunDescriptionTest {
    /** The settings a run stored before the description recorded its data's checksum, as the quick preset has them. */
    static final String STORED_BEFORE_CHECKSUMS = "{\"preset\":\"quick\",\"strategy\":\"genetic\",\"objective\":"
            + "\"multi\",\"targets\":{\"max_memory\":\"200KB\",\"min_accuracy\":\"85%\"},\"population\":8,"
            + "\"evaluations\":24,\"time\":\"8m\",\"space\":{\"max_size\":3,\"max_depth\":3,\"stem_widths\":[8,16,24,"
            + "32],\"growth_rates\":[4,8,12,16,24,32]},\"fidelity\":{\"epochs\":1,\"subset\":3000},\"training\":"
            + "{\"mode\":\"joint\",\"batch_size\":64,\"learning_rate\":0.01},\"timing\":{\"warm_up\":2,\"runs\":15,"
            + "\"batch\":64,\"batch_runs\":2},\"data\":\"fashion-mnist\",\"device\":\"auto\",\"seed\":42}";

    @Test
    void presetThenFileThenOptionsMergeFieldByField() {
        ObjectNode tree = RunDescription.preset("quick");
        ObjectNode options = RunDescription.tree();
        options.putObject("space").put("max_depth", 5);
        options.put("evaluations", 7);
        RunDescription run = RunDescription.of(RunDescription.merge(tree, options));
        assertEquals(5, run.space().maxDepth());
        assertEquals(3, run.space().maxSize(), "the preset's other space bounds stay");
        assertEquals(7, run.evaluations());
        assertEquals(Duration.ofMinutes(14), run.timeLimit());
        assertEquals(new FinalTraining(FinalTraining.FILL, 0, "50%"), run.finalTraining());
        assertEquals(List.of(0, 1, 2), run.space().bases());
        assertEquals(new Fidelity(100, 0, 15), run.fidelity(), "15 s a candidate, the same for all");
        assertTrue(run.json().contains("\"fidelity\":{\"epochs\":100,\"subset\":0,\"seconds\":15}"), run.json());
        assertEquals(Duration.ofMinutes(7), run.finalTraining().reserve(run.timeLimit()));
        assertEquals(Duration.ofSeconds(150), run.finalTraining().reserve(Duration.ofMinutes(5)),
                "a share of whatever time the run is given");
        assertEquals(Duration.ZERO, run.finalTraining().reserve(null), "no time budget, nothing kept");
        assertEquals(Duration.ofMinutes(6), new FinalTraining(1, 0, "6m").reserve(Duration.ofHours(1)));
        assertThrows(InvalidInputException.class, () -> new FinalTraining(1, 0, "100%").reserve(Duration.ofHours(1)));
    }

    @Test
    void anEmptyGroupOfOptionsLeavesANullGroupNull() {
        ObjectNode tree = RunDescription.preset("quick");
        tree.putNull("final_training");
        ObjectNode options = RunDescription.tree();
        options.putObject("final_training");
        assertNull(RunDescription.of(RunDescription.merge(tree, options)).finalTraining(),
                "no final training options given: the run still has none");
        options.putObject("final_training").put("subset", 500);
        assertEquals(500, RunDescription.of(RunDescription.merge(RunDescription.preset("quick"), options))
                .finalTraining().subset());
    }

    @Test
    void augmentationAndTheInputShapeAreSettingsAndAbsentMeansNone() {
        RunDescription plain = RunDescription.of(RunDescription.preset("quick"));
        assertEquals(Augmentation.NONE, plain.trainingSettings().augmentation());
        assertNull(plain.inputShape());
        ObjectNode tree = RunDescription.preset("quick");
        ObjectNode options = RunDescription.tree();
        options.putObject("training").putObject("augmentation").put("flip", true);
        options.putArray("input").add(3).add(32).add(32);
        RunDescription run = RunDescription.of(RunDescription.merge(tree, options));
        assertEquals(new Augmentation(0, true), run.trainingSettings().augmentation());
        assertEquals("joint", run.training().mode(), "the preset's other training fields stay");
        assertEquals(new InputShape(3, 32, 32), run.inputShape());
        assertEquals(run, RunDescription.stored(run.json()), "both round-trip as stored");
        assertEquals(new Augmentation(0, true), run.recording("sha256:ab", "cpu").evaluation().training()
                .augmentation(), "a worker gets it too");
    }

    @Test
    void aBadInputShapeOrPaddingIsNamed() {
        ObjectNode tree = RunDescription.preset("quick");
        tree.putArray("input").add(3).add(32);
        assertTrue(assertThrows(InvalidInputException.class, () -> RunDescription.of(tree).inputShape())
                .getMessage().contains("input must be [channels, height, width], got [3, 32]"));
        ObjectNode padded = RunDescription.preset("quick");
        ((ObjectNode) padded.get("training")).putObject("augmentation").put("crop_padding", 99);
        assertTrue(assertThrows(InvalidInputException.class, () -> RunDescription.of(padded)).getMessage()
                .contains("crop padding must be 0..16 pixels, got 99"));
    }

    @Test
    void aRunStoredBeforeFinalTrainingHasNone() {
        assertNull(RunDescription.stored(STORED_BEFORE_CHECKSUMS).finalTraining());
    }

    @Test
    void aRunStoredBeforeChecksumsReadsAndWritesBackUnchanged() {
        RunDescription run = RunDescription.stored(STORED_BEFORE_CHECKSUMS);
        assertNull(run.dataChecksum());
        assertEquals(STORED_BEFORE_CHECKSUMS, run.json());
        assertEquals(new Targets(null, 200_000L, null, 0.85, LatencyMode.LAST_EXIT), run.parsedTargets());
        RunDescription recorded = RunDescription.stored(run.recording("sha256:ab", "gpu").json());
        assertEquals("sha256:ab", recorded.dataChecksum());
        assertEquals("gpu", recorded.deviceClass());
    }

    @Test
    void theEvaluationSpecCarriesEverythingAWorkerNeedsAndRoundTripsAsJson() {
        RunDescription run = RunDescription.stored(STORED_BEFORE_CHECKSUMS).recording("sha256:ab", "cpu");
        EvaluationSpec spec = run.evaluation();
        assertEquals(new Fidelity(1, 3000), spec.fidelity());
        assertEquals(42, spec.splitSeed());
        assertEquals(42, spec.training().seed());
        assertEquals(new TimingSettings(2, 15, 64, 2), spec.timing());
        assertEquals(spec, EvaluationSpec.of(spec.json()));
        assertTrue(spec.json().contains("\"mode\":\"joint\""), spec.json());
        assertTrue(spec.json().contains("\"device_class\":\"cpu\""), spec.json());
    }

    @Test
    void aSettingThatIsOutOfRangeOrUnknownIsNamed() {
        ObjectNode tree = RunDescription.preset("quick");
        tree.putObject("fidelity").put("epochs", 0);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> RunDescription.of(tree));
        assertEquals("settings: fidelity: epochs must be at least 1, got 0", e.getMessage());
        ObjectNode typo = RunDescription.preset("quick").put("evalutions", 3);
        e = assertThrows(InvalidInputException.class, () -> RunDescription.of(typo));
        assertTrue(e.getMessage().contains("'evalutions' is not a known field"), e.getMessage());
    }

    @Test
    void bothPresetsDescribeARun() {
        for (String preset : List.of("quick", "standard")) {
            RunDescription run = RunDescription.of(RunDescription.preset(preset));
            assertEquals(preset, run.preset());
            run.trainingSettings();
        }
        assertThrows(InvalidInputException.class, () -> RunDescription.preset("huge"));
    }
}
