package io.smartnas.launcher;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smartnas.app.SupernetJob;
import io.smartnas.evaluator.DivergedException;
import io.smartnas.evaluator.Supernet;
import io.smartnas.space.run.Durations;
import io.smartnas.space.run.RunDescription;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** {@code smartnas supernet train}: trains a space's supernet on time, or resumes its training. */
@Command(name = "train", sortOptions = false,
        footer = {"  smartnas supernet train --time 1h --out supernet/",
                "  smartnas supernet train --time 1h --out supernet/    (again, after a kill: resumes)"},
        description = "Trains the largest network of the space (the preset's, a settings file's, or the options') "
                + "with weight sharing over the space's networks, by the sandwich rule with in-place distillation, "
                + "for --time. Checkpoints as it goes; the same command on the same --out resumes from the last one.")
final class SupernetTrainCommand extends Subcommand {
    @Option(names = "--preset", defaultValue = "quick", paramLabel = "quick|thorough|standard",
            description = "The space, data and training of a search preset (default ${DEFAULT-VALUE}).")
    private String preset;

    @Option(names = "--settings", paramLabel = "FILE",
            description = "A search settings file (JSON, or YAML by extension) over the preset: its space, data and "
                    + "training; options override it.")
    private Path settingsFile;

    @Mixin
    private Options options;

    @Option(names = "--time", paramLabel = "DURATION", defaultValue = "1h",
            description = "The whole training's time: 10m, 1h (default ${DEFAULT-VALUE}).")
    private String time;

    @Option(names = "--device", paramLabel = "auto|cpu|gpu|gpu:N", description = "Where it trains.")
    private String device;

    @Option(names = "--out", paramLabel = "DIR", required = true,
            description = "The supernet's directory: new or empty, or a supernet's, to resume its training.")
    private Path out;

    /** What of a search's settings a supernet takes: its space, data and training. */
    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    static final class Options {
        @Mixin
        RunOptions.Space space;

        @Mixin
        TrainingOptions training;

        @Option(names = "--data", paramLabel = "fashion-mnist|synthetic|DIR",
                description = "The images, as search takes them.")
        String data;

        @Option(names = "--input", split = ",", paramLabel = "C,H,W", hideParamSyntax = true,
                description = "The shape an image folder's images are resized to.")
        List<Integer> input;

        @Option(names = "--seed", description = "Seeds the split, the order of the images and the draws.")
        Long seed;
    }

    @Override
    void run() {
        OutputDirectory.check("--out", out);
        Duration budget = Durations.parse(time);
        ObjectNode tree = RunDescription.preset(preset);
        if (settingsFile != null) {
            RunDescription.merge(tree, RunDescription.file(settingsFile));
        }
        RunDescription described = RunDescription.of(RunDescription.merge(tree, Json.OPTIONS.valueToTree(options)));
        Supernet.Record record;
        try (ProgressBars.SupernetTraining progress = new ProgressBars.SupernetTraining(budget)) {
            record = SupernetJob.train(described, budget, device, progress, out);
        } catch (DivergedException e) {
            throw new IllegalStateException("the supernet's training diverged (" + e.getMessage() + "); try a lower "
                    + "--lr", e);
        }
        PrintWriter stdout = out();
        stdout.printf(Locale.ROOT, "supernet in %s: %s of %s trained, %,d steps, %,d images seen by the largest "
                        + "network (%s)%n", out, Durations.text(Duration.ofSeconds(Math.round(record.trainedSeconds()))),
                Durations.text(Duration.ofSeconds(record.budgetSeconds())), record.steps(), record.images(),
                record.checkpoint());
        stdout.println("search it: smartnas search --supernet " + out + " --time 2m [targets]");
    }
}
