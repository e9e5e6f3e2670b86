package io.smartnas.app;

/**
 * Shows a long step of a use case as it runs (a device calibration): made with a
 * label and its step count, told the steps done, closed at the end. The launcher draws it as a bar or as lines.
 */
public interface StepProgress extends AutoCloseable {
    void stepTo(int done);

    @Override
    void close();

    /** Makes the progress of one long step. */
    interface Factory {
        StepProgress start(String label, int steps);
    }
}
