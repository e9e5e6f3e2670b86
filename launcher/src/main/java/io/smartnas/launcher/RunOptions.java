package io.smartnas.launcher;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;

/**
 * The options of {@code smartnas search} that describe the run. Jackson writes them in the run description's form
 * (unset ones left out), to merge over the preset and the settings file.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
@JsonInclude(JsonInclude.Include.NON_NULL)
final class RunOptions {
    @Option(names = "--name", description = "A name for the run.")
    String name;

    @Option(names = "--strategy", paramLabel = "genetic|random|asynchronous", description = "How candidates are "
            + "proposed: genetic (NSGA-II, a generation at a time), random, or asynchronous (steady-state NSGA-II, a "
            + "child whenever a device is free: for several GPUs or a cluster).")
    String strategy;

    @Option(names = "--objective", paramLabel = "multi|accuracy",
            description = "Accuracy, latency and memory at once (a Pareto front), or accuracy alone.")
    String objective;

    @Option(names = "--population", description = "Candidates per generation.")
    Integer population;

    @Option(names = "--evaluations", paramLabel = "N", description = "Most candidates measured.")
    Integer evaluations;

    @Option(names = "--generations", paramLabel = "G", description = "Most generations.")
    Integer generations;

    @Option(names = "--time", paramLabel = "DURATION", description = "Most wall-clock time: 90s, 15m, 2h.")
    String time;

    @Option(names = "--steady", paramLabel = "G",
            description = "Stop when the best candidate has not improved for G generations.")
    Integer steady;

    @Mixin
    Space space;

    @Mixin
    Fidelity fidelity;

    @Mixin
    FinalTraining finalTraining;

    @Mixin
    TrainingOptions training;

    @Option(names = "--data", paramLabel = "fashion-mnist|synthetic|DIR", description = "The images: "
            + "Fashion-MNIST, synthetic textures, a directory of IDX files, or an image folder (a subfolder of PNG or "
            + "JPEG images per class, optionally under train/ and test/).")
    String data;

    @Option(names = "--input", split = ",", paramLabel = "C,H,W", hideParamSyntax = true,
            description = "The shape an image folder's images are resized to, 1 (gray) or 3 (RGB) channels: 3,32,32 "
                    + "(default: the first image's, none resized).")
    List<Integer> input;

    @Option(names = "--seed", description = "One seed for the whole run.")
    Long seed;

    @Mixin
    TargetOptions targets;

    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    static final class Space {
        @Option(names = "--max-size", paramLabel = "T", description = "Most exits of a candidate.")
        Integer maxSize;

        @Option(names = "--max-depth", paramLabel = "D", description = "Most layers of a Smart Block.")
        Integer maxDepth;

        @Option(names = "--bases", split = ",", paramLabel = "LEVEL", description = "Resolution levels the grid's "
                + "first row may run at, e.g. 0,1,2 (0: full size; each level halves the height and width).")
        java.util.List<Integer> bases;
    }

    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    static final class Fidelity {
        @Option(names = "--epochs", description = "Training epochs per candidate (the fidelity).")
        Integer epochs;

        @Option(names = "--subset", description = "Training images per candidate; 0 for all (the fidelity).")
        Integer subset;

        @Option(names = "--seconds", description = "Training seconds per candidate, the same for every one (a "
                + "fidelity of equal time: a cheaper network sees more images); --epochs is then the most. 0: none.")
        Integer seconds;
    }

    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    static final class FinalTraining {
        @Option(names = "--final-epochs", paramLabel = "E",
                description = "Epochs of the final training of the best candidate; 0 for as many as fit in its time.")
        Integer epochs;

        @Option(names = "--final-subset", paramLabel = "N",
                description = "Training images of the final training; 0 for all.")
        Integer subset;

        @Option(names = "--final-time", paramLabel = "SHARE|DURATION",
                description = "The part of --time kept for the final training: 50%% or 6m.")
        String time;
    }
}
