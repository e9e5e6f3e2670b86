package io.smartnas.evaluator;

import io.smartnas.space.Cell;
import io.smartnas.space.SearchSpace;
import io.smartnas.space.SmartNetConfig;
import io.smartnas.space.SpaceBounds;
import io.smartnas.space.evaluation.Evaluation;
import io.smartnas.space.evaluation.Fidelity;
import io.smartnas.space.importance.Importance;
import io.smartnas.space.importance.Pruning;
import io.smartnas.space.run.TrainingSettings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Issue 16's experiment on the importance measure (not a test). For networks drawn from the quick preset's space with
 * at least two Smart Connections, each trained on Fashion-MNIST: takes out the Smart Connection its importance says
 * is used least, and, apart, one drawn at random among the others; each pruned network starts from the trained one's
 * parameters ({@link io.smartnas.evaluator.net.Surgery}) and is fine-tuned briefly. If the measure means anything,
 * taking out the least important costs less accuracy. Prints every network's test accuracy before and after both,
 * and how often the least important one cost less.
 *   java -cp ... io.smartnas.evaluator.ImportanceBench COUNT WORK_DIR [TRAIN_IMAGES=12000] [TUNE_IMAGES=3000]
 */
public final class ImportanceBench {
    private ImportanceBench() {
    }

    public static void main(String[] args) throws Exception {
        int count = Integer.parseInt(args[0]);
        Path work = Files.createDirectories(Path.of(args[1]));
        int trainImages = args.length > 2 ? Integer.parseInt(args[2]) : 12_000;
        int tuneImages = args.length > 3 ? Integer.parseInt(args[3]) : 3_000;
        SearchSpace space = new SearchSpace(SpaceBounds.fashionMnist(3, 3));
        DeviceSpec device = DeviceSpec.parse("auto");
        Random draw = new Random(7);
        int done = 0;
        int lessLost = 0;
        double leastTotal = 0;
        double randomTotal = 0;
        for (int seed = 1; done < count; seed++) {
            SmartNetConfig config = space.decode(space.random(new Random(seed))).canonical();
            List<Importance.Connection> masked = new ArrayList<>();
            Path dir = work.resolve("net-" + seed);
            if (connections(config) < 2) {
                continue;
            }
            Evaluation trained = SavedModel.train(config, "fashion-mnist", TrainingSettings.DEFAULT,
                    new Fidelity(1, trainImages), device, TrainingProgress.NONE, dir);
            trained.importance().connections().stream().filter(c -> !c.structural()).forEach(masked::add);
            masked.sort(java.util.Comparator.comparingDouble(Importance.Connection::value));
            Importance.Connection least = masked.get(0);
            Importance.Connection other = masked.get(1 + draw.nextInt(masked.size() - 1));
            double before = trained.lastExit().testAccuracy();
            double withoutLeast = without(dir, least, tuneImages, device, work.resolve("least-" + seed));
            double withoutOther = without(dir, other, tuneImages, device, work.resolve("random-" + seed));
            done++;
            lessLost += withoutLeast > withoutOther ? 1 : 0;
            leastTotal += before - withoutLeast;
            randomTotal += before - withoutOther;
            System.out.printf(Locale.ROOT, "%s (%d Smart Connections): test %.4f; without the least important "
                    + "(cell %d from slot %d, %.3f) %.4f; without one at random (cell %d from slot %d, %.3f) %.4f%n",
                    config.id(), masked.size(), before, least.cell(), least.from(), least.value(), withoutLeast,
                    other.cell(), other.from(), other.value(), withoutOther);
        }
        System.out.printf(Locale.ROOT, "%d networks: mean accuracy lost without the least important %.4f, without "
                + "one at random %.4f; the least important cost less in %d of %d%n", done, leastTotal / done,
                randomTotal / done, lessLost, done);
    }

    /** The Smart Connections of a network that feed a cell that computes (unpruned, or carrying an exit). */
    private static int connections(SmartNetConfig config) {
        int n = 0;
        for (Cell cell : config.cells()) {
            if (!cell.pruned() || cell.diagonal()) {
                n += cell.from().size();
            }
        }
        return n;
    }

    /** Test accuracy at the last exit after taking out one Smart Connection and fine-tuning. */
    private static double without(Path dir, Importance.Connection gone, int tuneImages, DeviceSpec device, Path out)
            throws Exception {
        return SavedModel.prune(dir, (config, importance) -> Pruning.prune(config, only(importance, gone), 1.0),
                TrainingSettings.DEFAULT, new Fidelity(1, tuneImages), "fashion-mnist", device,
                TrainingProgress.NONE, out).testAfter();
    }

    /** An importance under which {@code gone} is the only thing never used. */
    private static Importance only(Importance measured, Importance.Connection gone) {
        return new Importance(measured.connections().stream().map(c -> new Importance.Connection(c.cell(), c.from(),
                c.structural(), c.cell() == gone.cell() && c.from() == gone.from() ? 0 : 1)).toList(),
                measured.layers().stream().map(l -> new Importance.Layer(l.cell(), l.layer(), 1)).toList());
    }
}
