package io.smartnas.evaluator;

import ai.djl.Device;
import io.smartnas.evaluator.net.SmartNetModel;
import io.smartnas.space.InvalidInputException;
import io.smartnas.space.supernet.SpaceNetworks;

import java.nio.file.Path;

/**
 * A supernet's parameters, loaded, to cut its sub-networks from; read only, so the evaluator's workers share it.
 */
public final class SupernetWeights implements AutoCloseable {
    private final Path dir;
    private final String id;
    private final Supernet.Record record;
    private final SmartNetModel model;

    private SupernetWeights(Path dir, String id, Supernet.Record record, SmartNetModel model) {
        this.dir = dir;
        this.id = id;
        this.record = record;
        this.model = model;
    }

    /** Its directory. */
    public Path dir() {
        return dir;
    }

    /** Its {@linkplain Supernet#id(Path) id}. */
    public String id() {
        return id;
    }

    /** What it is. */
    public Supernet.Record record() {
        return record;
    }

    /** Its largest network with the checkpoint's parameters, on the CPU. */
    SmartNetModel model() {
        return model;
    }

    @Override
    public void close() {
        model.close();
    }

    /**
     * The supernet in {@code dir}, its parameters loaded.
     *
     * @throws InvalidInputException if {@code dir} holds no supernet, or its checkpoint is damaged
     */
    public static SupernetWeights open(Path dir) {
        Supernet.Record record = Supernet.read(dir);
        SmartNetModel model = ModelDirectory.load(dir.resolve(record.checkpoint()), record.space().maxSize(),
                Device.cpu());
        if (!model.config().equals(SpaceNetworks.largest(record.space()))) {
            model.close();
            throw new InvalidInputException(dir.resolve(record.checkpoint()) + ": holds " + model.config().id()
                    + ", not the largest network of the supernet's space");
        }
        return new SupernetWeights(dir, Supernet.id(dir), record, model);
    }
}
