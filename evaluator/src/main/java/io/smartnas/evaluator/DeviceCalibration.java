package io.smartnas.evaluator;

import io.smartnas.evaluator.measure.LatencyFit;
import io.smartnas.evaluator.measure.Timing;
import io.smartnas.evaluator.net.SmartNetModel;
import io.smartnas.space.SearchSpace;
import io.smartnas.space.SmartNetConfig;
import io.smartnas.space.SpaceBounds;
import io.smartnas.space.latency.DeviceProfile;
import io.smartnas.space.latency.LatencyFeatures;
import io.smartnas.space.run.TimingSettings;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.IntConsumer;

/**
 * Measures a device's {@link DeviceProfile} once: times a fixed set of {@value #NETWORKS} SmartNets (drawn with a fixed
 * seed from the Fashion-MNIST space with up to 4 exits and 6 layers a block, so every layer shape a search meets is
 * among them) at batch size 1, through each exit alone and through every exit in anytime inference, and fits the
 * prices of the latency terms to those passes ({@link LatencyFit}). The networks are untrained: latency does not
 * depend on the weights' values.
 */
public final class DeviceCalibration {
    /** Networks timed; each gives one pass per exit and one anytime pass. */
    public static final int NETWORKS = 40;
    /**
     * Rounds over the networks: the first is thrown away (a cold engine and JIT run small networks up to half again
     * slower than they run in a search, after training), a pass's time is its mean over the others.
     */
    public static final int ROUNDS = 3;
    /** Timing of each pass in each round: half of an evaluation's runs, since every pass is timed in two rounds. */
    private static final TimingSettings TIMING = new TimingSettings(5, 15, 1, 1);
    /** The seed of the draw: fixed, so every device is timed on the same networks. */
    public static final long SEED = 1_000_003L;

    private DeviceCalibration() {
    }

    /** The calibration networks, in the order they are timed. */
    public static List<SmartNetConfig> networks() {
        SearchSpace space = new SearchSpace(SpaceBounds.fashionMnist(4, 6));
        Random random = new Random(SEED);
        List<SmartNetConfig> networks = new ArrayList<>(NETWORKS);
        for (int i = 0; i < NETWORKS; i++) {
            networks.add(space.decode(space.random(random)).canonical());
        }
        return networks;
    }

    /**
     * Times the calibration networks on the first device of {@code device} and fits its profile. The networks are
     * timed in {@value #ROUNDS} rounds, the first to warm up, each network's passes averaged over the others: this
     * machine's speed drifts by a fifth over tens of seconds, and rounds spread every network over that drift.
     *
     * @param done called with the number of networks timed so far (of {@code NETWORKS * ROUNDS}), after each
     */
    public static DeviceProfile run(DeviceSpec device, IntConsumer done) {
        return run(device, networks(), done);
    }

    /** The same on other networks (a test's few small ones). */
    static DeviceProfile run(DeviceSpec device, List<SmartNetConfig> networks, IntConsumer done) {
        Timing timing = new Timing(TIMING);
        List<double[]> terms = new ArrayList<>();
        for (SmartNetConfig config : networks) {
            for (int c = 0; c < config.size(); c++) {
                terms.add(LatencyFeatures.throughExit(config, c).vector());
            }
            terms.add(LatencyFeatures.leavingAt(config, config.size() - 1).vector());
        }
        double[] times = new double[terms.size()];
        int timed = ROUNDS - 1;
        for (int round = 0; round < ROUNDS; round++) {
            double weight = round == 0 ? 0 : 1.0 / timed;
            int pass = 0;
            for (int i = 0; i < networks.size(); i++) {
                try (SmartNetModel model = SmartNetModel.create(networks.get(i), device.first(), 0)) {
                    for (double ms : timing.latency(model.block(), model.model().getNDManager()).perExitMs()) {
                        times[pass++] += weight * ms;
                    }
                    times[pass++] += weight * timing.anytimeToLast(model.block(), model.model().getNDManager());
                }
                done.accept(round * networks.size() + i + 1);
            }
        }
        LatencyFit fit = LatencyFit.of(terms, times);
        return new DeviceProfile(device.profileName(), Arrays.stream(fit.coefficients()).boxed().toList(),
                times.length, fit.medianError(), fit.worstError(), Instant.now(),
                RuntimeProvenance.json(List.of(device.first())));
    }

    /**
     * Latency per exit of {@code config} at batch size 1 on the first device of {@code device}, timed as an evaluation
     * times it: what a profile's prediction is checked against.
     */
    public static double[] latency(DeviceSpec device, SmartNetConfig config) {
        try (SmartNetModel model = SmartNetModel.create(config, device.first(), 0)) {
            return new Timing(TimingSettings.DEFAULT).latency(model.block(), model.model().getNDManager())
                    .perExitMs();
        }
    }
}
