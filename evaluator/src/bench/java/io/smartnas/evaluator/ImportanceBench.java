package io.smartnas.evaluator;

import ai.djl.ndarray.NDManager;
import io.smartnas.evaluator.anytime.ExitOutcomes;
import io.smartnas.evaluator.data.Batches;
import io.smartnas.evaluator.net.SmartNetModel;
import io.smartnas.evaluator.net.Surgery;
import io.smartnas.space.Cell;
import io.smartnas.space.SearchSpace;
import io.smartnas.space.SmartNetConfig;
import io.smartnas.space.SpaceBounds;
import io.smartnas.space.evaluation.Evaluation;
import io.smartnas.space.evaluation.Fidelity;
import io.smartnas.space.importance.Importance;
import io.smartnas.space.importance.Pruning;
import io.smartnas.space.run.TrainingSettings;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Issue 16's experiment on the importance measure (not a test). For networks drawn from the quick preset's space with
 * at least two Smart Connections, each trained on Fashion-MNIST:
 * <ol>
 *   <li>every Smart Connection and every layer is taken out alone ({@link io.smartnas.evaluator.net.Surgery}: the
 *       rest keeps its trained parameters) and the cut network's test accuracy measured at once, with no training in
 *       between, so that nothing but the cut decides it. If the measure means anything, what it calls least used
 *       costs least: prints each item's importance and accuracy lost, their Spearman rank correlation (negative:
 *       the more used, the more lost), and what taking out the least used costs against the mean over the others
 *       (what one drawn at random costs on average);</li>
 *   <li>the least used Smart Connection, and apart one drawn at random among the others, are taken out and the
 *       network fine-tuned briefly, as {@code smartnas prune} does.</li>
 * </ol>
 *   bench/jvm-bench.sh evaluator io.smartnas.evaluator.ImportanceBench COUNT WORK_DIR [TRAIN_IMAGES=12000] [TUNE_IMAGES=3000]
 */
public final class ImportanceBench {
    private ImportanceBench() {
    }

    /** One Smart Connection or layer of a trained network: what it is, its importance, the accuracy lost without it. */
    private record Cut(String what, double importance, double lost) {
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
        int leastCutLess = 0;
        int tunedLessLost = 0;
        double leastTotal = 0;
        double randomTotal = 0;
        double correlationTotal = 0;
        for (int seed = 1; done < count; seed++) {
            SmartNetConfig config = space.decode(space.random(new Random(seed))).canonical();
            Path dir = work.resolve("net-" + seed);
            if (connections(config) < 2) {
                continue;
            }
            Evaluation trained = SavedModel.train(config, "fashion-mnist", TrainingSettings.DEFAULT,
                    new Fidelity(1, trainImages), device, TrainingProgress.NONE, dir);
            double before = trained.lastExit().testAccuracy();
            List<Cut> cuts = cuts(dir, trained.importance(), before, device);
            cuts.forEach(c -> System.out.printf(Locale.ROOT, "  %s: importance %.3f, test accuracy lost at once %.4f%n",
                    c.what(), c.importance(), c.lost()));
            double correlation = new SpearmansCorrelation().correlation(cuts.stream().mapToDouble(Cut::importance)
                    .toArray(), cuts.stream().mapToDouble(Cut::lost).toArray());
            Cut leastCut = cuts.stream().min(Comparator.comparingDouble(Cut::importance)).orElseThrow();
            double othersLost = cuts.stream().filter(c -> c != leastCut).mapToDouble(Cut::lost).average().orElseThrow();
            leastCutLess += leastCut.lost() < othersLost ? 1 : 0;
            correlationTotal += correlation;

            List<Importance.Connection> masked = new ArrayList<>(trained.importance().connections().stream()
                    .filter(c -> !c.structural()).toList());
            masked.sort(Comparator.comparingDouble(Importance.Connection::value));
            Importance.Connection least = masked.get(0);
            Importance.Connection other = masked.get(1 + draw.nextInt(masked.size() - 1));
            double withoutLeast = tuned(dir, only(trained.importance(), least), tuneImages, device,
                    work.resolve("least-" + seed));
            double withoutOther = tuned(dir, only(trained.importance(), other), tuneImages, device,
                    work.resolve("random-" + seed));
            done++;
            tunedLessLost += withoutLeast > withoutOther ? 1 : 0;
            leastTotal += before - withoutLeast;
            randomTotal += before - withoutOther;
            System.out.printf(Locale.ROOT, "%s (%d Smart Connections, %d layers): test %.4f; cut alone: Spearman %.3f, "
                    + "least used (%s) lost %.4f, the others %.4f on average; fine-tuned on %d images: without the "
                    + "least used Smart Connection (cell %d from slot %d, %.3f) %.4f, without one at random (cell %d "
                    + "from slot %d, %.3f) %.4f%n", config.id(), masked.size(), trained.importance().layers().size(),
                    before, correlation, leastCut.what(), leastCut.lost(), othersLost, tuneImages, least.cell(),
                    least.from(), least.value(), withoutLeast, other.cell(), other.from(), other.value(), withoutOther);
        }
        System.out.printf(Locale.ROOT, "%d networks. Cut alone: mean Spearman correlation of importance with accuracy "
                + "lost %.3f; the least used cost less than the others' mean in %d of %d. Fine-tuned: mean accuracy "
                + "lost without the least used Smart Connection %.4f, without one at random %.4f; the least used cost "
                + "less in %d of %d%n", done, correlationTotal / done, leastCutLess, done, leastTotal / done,
                randomTotal / done, tunedLessLost, done);
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

    /**
     * Every Smart Connection and every layer of the model saved in {@code dir}, each taken out alone with the rest
     * keeping its parameters, and the test accuracy at the last exit that costs, with no training after the cut.
     */
    private static List<Cut> cuts(Path dir, Importance importance, double before, DeviceSpec device)
            throws Exception {
        ModelDirectory model = ModelDirectory.of(dir);
        SmartNetConfig config = model.config();
        Batches test = new Batches(Dataset.load("fashion-mnist", config, model.seed()).source().test(),
                model.normalization(), ExitOutcomes.BATCH, 0);
        List<Cut> cuts = new ArrayList<>();
        try (SmartNetModel original = SmartNetModel.create(config, device.first(), model.seed())) {
            ModelDirectory.loadInto(original, dir, config.size());
            for (Importance.Connection c : importance.connections()) {
                if (!c.structural()) {
                    cuts.add(new Cut("Smart Connection of cell " + c.cell() + " from slot " + c.from(),
                            c.value(), before - cutAccuracy(original, only(importance, c), device, model.seed(),
                            test)));
                }
            }
            for (Importance.Layer l : importance.layers()) {
                cuts.add(new Cut("layer " + l.layer() + " of cell " + l.cell(), l.value(),
                        before - cutAccuracy(original, only(importance, l), device, model.seed(), test)));
            }
        }
        return cuts;
    }

    /** Test accuracy at the last exit of what {@code importance} leaves of {@code original}, untrained after it. */
    private static double cutAccuracy(SmartNetModel original, Importance importance, DeviceSpec device, long seed,
                                      Batches test) {
        Pruning.Pruned pruned = Pruning.prune(original.config(), importance, 1.0);
        try (SmartNetModel cut = SmartNetModel.create(pruned.config(), device.first(), seed)) {
            Surgery.transplant(original.block(), pruned, cut.block());
            NDManager manager = cut.model().getNDManager();
            return ExitOutcomes.measure(cut.block(), manager, test).accuracy(pruned.config().size() - 1);
        }
    }

    /** Test accuracy at the last exit after taking out what {@code importance} says is never used, and fine-tuning. */
    private static double tuned(Path dir, Importance importance, int tuneImages, DeviceSpec device, Path out)
            throws Exception {
        return SavedModel.prune(dir, (config, measured) -> Pruning.prune(config, importance, 1.0),
                TrainingSettings.DEFAULT, new Fidelity(1, tuneImages), "fashion-mnist", device,
                TrainingProgress.NONE, out).testAfter();
    }

    /** An importance under which {@code gone} is the only thing never used. */
    private static Importance only(Importance measured, Importance.Connection gone) {
        return new Importance(measured.connections().stream().map(c -> new Importance.Connection(c.cell(), c.from(),
                c.structural(), c.cell() == gone.cell() && c.from() == gone.from() ? 0 : 1)).toList(),
                measured.layers().stream().map(l -> new Importance.Layer(l.cell(), l.layer(), 1)).toList());
    }

    /** An importance under which layer {@code gone} is the only thing never used. */
    private static Importance only(Importance measured, Importance.Layer gone) {
        return new Importance(measured.connections().stream().map(c -> new Importance.Connection(c.cell(), c.from(),
                c.structural(), 1)).toList(), measured.layers().stream().map(l -> new Importance.Layer(l.cell(),
                l.layer(), l.cell() == gone.cell() && l.layer() == gone.layer() ? 0 : 1)).toList());
    }
}
