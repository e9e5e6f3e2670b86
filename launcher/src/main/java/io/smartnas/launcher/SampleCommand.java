package io.smartnas.launcher;

import io.smartnas.space.InvalidInputException;
import io.smartnas.space.SearchSpace;
import io.smartnas.space.SmartNetConfig;
import io.smartnas.space.SpaceBounds;
import io.smartnas.space.config.ConfigDocument;
import io.smartnas.space.config.ConfigFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/** {@code smartnas sample}: random valid configs of the Fashion-MNIST space, for exploring it and for tests. */
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

    @Option(names = "--out", paramLabel = "DIR",
            description = "Write one file per config, named by its id; without it, one config per line on stdout.")
    private Path out;

    @Override
    void run() throws IOException {
        OutputDirectory.check("--out", out);
        if (count < 1) {
            throw new InvalidInputException("--count must be at least 1, got " + count);
        }
        SearchSpace space = new SearchSpace(SpaceBounds.fashionMnist(maxSize, maxDepth).withBases(bases));
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
}
