package dev.braid.api.generator;

/**
 * What {@link Generator#fit} produced, published to the scoring threads: {@code fit} sets it once it is complete,
 * and every {@code score} or {@code explain} call reads it, failing with the generator's name when fit has not
 * run. Holding the fitted state in one immutable object behind this (volatile) reference keeps a generator safe
 * for concurrent scoring without locks.
 *
 * <pre>{@code
 * private record Model(float[] counts) {}
 * private final FitState<Model> fitted = new FitState<>("popularity");
 *
 * public void fit(TrainingData data, ProgressListener progress) { fitted.set(new Model(count(data))); }
 * public void score(Query query, float[] scores) { Scores.overwrite(fitted.get().counts(), scores); }
 * }</pre>
 *
 * @param <T> the fitted state, immutable once set
 * @since 1.2.0 of this package
 */
public final class FitState<T> {
    private final String who;
    private volatile T value;

    /** @param who the generator's name, for the error before fit */
    public FitState(String who) {
        this.who = who;
    }

    /** Publishes what fit produced (replacing an earlier fit's). */
    public void set(T fitted) {
        this.value = java.util.Objects.requireNonNull(fitted, "fitted");
    }

    /**
     * What fit produced.
     *
     * @throws IllegalStateException before fit
     */
    public T get() {
        T v = value;
        if (v == null) {
            throw new IllegalStateException(who + " generator is used before fit()");
        }
        return v;
    }

    /** What fit produced, or {@code null} before fit (for reports that may be asked early). */
    public T orNull() {
        return value;
    }
}
