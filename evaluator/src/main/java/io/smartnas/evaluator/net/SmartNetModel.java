package io.smartnas.evaluator.net;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.smartnas.evaluator.TorchRuntime;
import io.smartnas.space.InputShape;
import io.smartnas.space.SmartNetConfig;

/**
 * A SmartNet on a device: the DJL model that owns its native memory and the block that computes it. While it is open,
 * the engine's allocations as large as its largest padded weight start at zero where the engine needs that (see
 * {@link TorchRuntime}). Close it to free the memory.
 */
public final class SmartNetModel implements AutoCloseable {
    private final Model model;
    private final SmartNetBlock block;
    private final TorchRuntime.WeightCover weights;

    private SmartNetModel(Model model, SmartNetBlock block) {
        this.model = model;
        this.block = block;
        this.weights = TorchRuntime.coverWeights(block.getParameters().values().stream()
                .mapToLong(p -> TorchRuntime.paddedWeightBytes(p.getArray().getShape().getShape())).max().orElse(0));
    }

    /**
     * Seeding the engine and drawing the initial weights from it: the engine has one global generator, so a network
     * created on another thread in between (one per device in a search) would draw from this network's seed.
     */
    private static final Object SEEDED_DRAW = new Object();

    /** A freshly initialised network of {@code config} on {@code device}; {@code seed} fixes the initial weights. */
    public static SmartNetModel create(SmartNetConfig config, Device device, long seed) {
        Model model = Model.newInstance("smartnet-" + config.id(), device, TorchRuntime.engine().getEngineName());
        SmartNetBlock block = new SmartNetBlock(config);
        model.setBlock(block);
        InputShape in = config.input();
        synchronized (SEEDED_DRAW) {
            TorchRuntime.engine().setRandomSeed((int) seed);
            block.initialize(model.getNDManager(), DataType.FLOAT32,
                    new Shape(1, in.channels(), in.height(), in.width()));
        }
        return new SmartNetModel(model, block);
    }

    public Model model() {
        return model;
    }

    public SmartNetBlock block() {
        return block;
    }

    public SmartNetConfig config() {
        return block.config();
    }

    public Device device() {
        return model.getNDManager().getDevice();
    }

    @Override
    public void close() {
        weights.close();
        model.close();
    }
}
