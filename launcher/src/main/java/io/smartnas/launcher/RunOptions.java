package io.smartnas.launcher;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options of {@code smartnas search} that describe the run. Jackson writes them in the run description's form
 * (unset ones left out), to merge over the preset and the settings file.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
@JsonInclude(JsonInclude.Include.NON_NULL)
final class RunOptions {
    @Option(names = "--name", description = "A name for the run.")
    String name;

    @Option(names = "--strategy", paramLabel = "genetic|random", description = "How candidates are proposed.")
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

    @Option(names = "--data", paramLabel = "fashion-mnist|synthetic|DIR", description = "The images.")
    String data;

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
    }

    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    static final class Fidelity {
        @Option(names = "--epochs", description = "Training epochs per candidate (the fidelity).")
        Integer epochs;

        @Option(names = "--subset", description = "Training images per candidate; 0 for all (the fidelity).")
        Integer subset;
    }

    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    static final class FinalTraining {
        @Option(names = "--final-epochs", paramLabel = "E",
                description = "Epochs of the final training of the best candidate.")
        Integer epochs;

        @Option(names = "--final-subset", paramLabel = "N",
                description = "Training images of the final training; 0 for all.")
        Integer subset;

        @Option(names = "--final-time", paramLabel = "SHARE|DURATION",
                description = "The part of --time kept for the final training: 50% or 6m.")
        String time;
    }
}
