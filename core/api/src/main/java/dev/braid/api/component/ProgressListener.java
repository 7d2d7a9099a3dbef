package dev.braid.api.component;

/**
 * Reports the progress of long work (fitting, encoding, training). Components call {@link #start} once per task,
 * then {@link #advance} as units complete. Implementations must be thread-safe.
 */
public interface ProgressListener {

    /** A listener that shows nothing. */
    ProgressListener NONE = new ProgressListener() {
        @Override
        public void start(String task, long totalUnits) {
        }

        @Override
        public void advance(long units) {
        }

        @Override
        public void finish() {
        }
    };

    /** A task begins; {@code totalUnits} may be -1 when unknown. */
    void start(String task, long totalUnits);

    /** Some units of the current task are done. */
    void advance(long units);

    /** The current task is done. */
    void finish();
}
