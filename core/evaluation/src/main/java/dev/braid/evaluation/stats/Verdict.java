package dev.braid.evaluation.stats;

/** The outcome of a paired comparison against the baseline under the significance rule of {@link PairedTests}. */
public enum Verdict {
    /** Significantly higher than the baseline. */
    BETTER("▲"),
    /** Significantly lower than the baseline. */
    WORSE("▼"),
    /** No significant difference. */
    NOT_SIGNIFICANT(""),
    /** This is the baseline. */
    BASELINE("");

    private final String mark;

    Verdict(String mark) {
        this.mark = mark;
    }

    /** The mark reports print beside the value: ▲, ▼ or nothing. */
    public String mark() {
        return mark;
    }
}
