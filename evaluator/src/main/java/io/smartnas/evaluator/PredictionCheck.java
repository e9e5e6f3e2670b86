package io.smartnas.evaluator;

import io.smartnas.evaluator.measure.RelativeErrors;
import io.smartnas.space.SmartNetConfig;
import io.smartnas.space.latency.DeviceProfile;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * A latency profile checked on configs it was not fitted on: each config's last exit timed here at batch size 1 and
 * compared with the profile's prediction.
 *
 * @param configs             each config's prediction, measurement and signed relative error
 * @param medianAbsoluteError the median of the absolute relative errors (0.05 is 5%)
 * @param worstError          the signed error of largest magnitude
 */
public record PredictionCheck(List<Config> configs, double medianAbsoluteError, double worstError) {
    /** A config: its id, its last exit's predicted and measured latency (ms), (predicted - measured) / measured. */
    public record Config(String id, double predictedMs, double measuredMs, double error) {
    }

    /** Times each of {@code configs} on {@code device}, telling {@code done} after each, and compares. */
    public static PredictionCheck run(DeviceSpec device, DeviceProfile profile, List<SmartNetConfig> configs,
                                      IntConsumer done) {
        List<Config> checked = new ArrayList<>();
        double[] errors = new double[configs.size()];
        for (int i = 0; i < configs.size(); i++) {
            SmartNetConfig config = configs.get(i);
            double[] measured = DeviceCalibration.latency(device, config);
            double last = measured[measured.length - 1];
            double predicted = profile.predict(config).lastExitMs();
            errors[i] = (predicted - last) / last;
            checked.add(new Config(config.id(), predicted, last, errors[i]));
            done.accept(i + 1);
        }
        RelativeErrors summary = RelativeErrors.of(errors);
        return new PredictionCheck(checked, summary.medianAbsolute(), summary.worst());
    }
}
