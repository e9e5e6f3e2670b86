package io.smartnas.launcher;

import io.smartnas.space.InvalidInputException;
import io.smartnas.space.SearchSpace;
import io.smartnas.space.SmartNetConfig;
import io.smartnas.space.SpaceBounds;
import io.smartnas.space.config.ConfigDocument;
import io.smartnas.space.config.ConfigFile;
import picocli.CommandLine.Command;
import io.smartnas.space.run.RunDescription;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * {@code smartnas sample}: random valid configs of a Fashion-MNIST space, for exploring it, for benchmarks (the same
 * sampler a supernet trains with) and for tests.
 */
@Command(name = "sample", footer = {"  smartnas sample --seed 7 --count 3 --out samples/"},
        description = "Writes random valid SmartNet configs (canonical form), drawn gene by gene from the space.")
final class SampleCommand extends Subcommand {
    @Option(names = "--seed", required = true, description = "Seed of the draw; the same seed gives the same configs.")
    private long seed;

    @Option(names = "--count", defaultValue = "1", description = "Configs to draw (default ${DEFAULT-VALUE}).")
    private int count;

    @Option(names = "--max-size", defaultValue = "4", description = "Most exits, Tmax (default ${DEFAULT-VALUE}).")
    private int maxSize;

    @Option(names = "--max-depth", defaultValue = "6",
            description = "Most layers of a Smart Block, Dmax (default ${DEFAULT-VALUE}).")
    private int maxDepth;

    @Option(names = "--bases", split = ",", paramLabel = "LEVEL", defaultValue = "0",
            description = "Resolution levels the grid's first row may run at, e.g. 0,1,2 (default ${DEFAULT-VALUE}: "
                    + "full resolution).")
    private List<Integer> bases;

    @Option(names = "--settings", paramLabel = "FILE", description = "Draw from the space of a search settings file "
            + "(over the quick preset's) instead: its max size and depth, stem widths, growth rates and bases.")
    private Path settings;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Write one file per config, named by its id; without it, one config per line on stdout.")
    private Path out;

    @Override
    void run() throws IOException {
        OutputDirectory.check("--out", out);
        if (count < 1) {
            throw new InvalidInputException("--count must be at least 1, got " + count);
        }
        SearchSpace space = new SearchSpace(settings == null ? SpaceBounds.fashionMnist(maxSize, maxDepth)
                .withBases(bases) : fromSettings());
        Random random = new Random(seed);
        PrintWriter stdout = out();
        for (int i = 0; i < count; i++) {
            SmartNetConfig config = space.decode(space.random(random)).canonical();
            if (out == null) {
                stdout.println(Json.line(ConfigFile.toJson(config)));
            } else {
                Path file = out.resolve(config.id() + ".json");
                ConfigFile.write(ConfigDocument.of(config), file);
                stdout.println(file);
            }
        }
    }

    /**
     * The space of the settings file on Fashion-MNIST's images.
     *
     * @throws InvalidInputException if a space option is given too, or the file's space is out of range
     */
    private SpaceBounds fromSettings() {
        List<String> given = spec.commandLine().getParseResult().matchedOptions().stream()
                .map(option -> option.longestName()).filter(List.of("--max-size", "--max-depth", "--bases")::contains)
                .toList();
        if (!given.isEmpty()) {
            throw new InvalidInputException("--settings gives the space, so " + String.join(", ", given)
                    + " cannot apply");
        }
        RunDescription.SpaceSettings s = RunDescription.of(RunDescription.merge(RunDescription.preset("quick"),
                RunDescription.file(settings))).space();
        SpaceBounds fashion = SpaceBounds.fashionMnist(s.maxSize(), s.maxDepth());
        return new SpaceBounds(s.maxSize(), s.maxDepth(), s.stemWidths(), s.growthRates(), fashion.input(),
                fashion.classes(), fashion.bottleneck(), s.basesOrDefault());
    }
}
