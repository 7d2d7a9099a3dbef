package dev.braid.plugin.factorization;

/**
 * How the last training of a factorisation generator went, for logs and benchmarks.
 *
 * @param epochs             epochs of the returned model (the best epoch count under early stopping)
 * @param secondsPerEpoch    mean wall time of one epoch
 * @param validationNdcg     best validation NDCG@10, or NaN without early stopping
 * @param loadedFromFile     the model was loaded from its model file instead of trained
 */
public record TrainingReport(int epochs, double secondsPerEpoch, double validationNdcg, boolean loadedFromFile) {

    static TrainingReport of(Training.Outcome<?> o) {
        return new TrainingReport(o.epochs(), o.secondsPerEpoch(), o.bestValidationNdcg(), false);
    }

    static TrainingReport loaded() {
        return new TrainingReport(0, Double.NaN, Double.NaN, true);
    }
}
