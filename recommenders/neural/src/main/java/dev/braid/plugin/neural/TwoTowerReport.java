package dev.braid.plugin.neural;

/**
 * How the last training of the two-tower generator went, for logs and benchmarks.
 *
 * @param epochs          epochs run
 * @param bestEpoch       epoch of the kept model (the best validation under early stopping)
 * @param secondsPerEpoch mean wall time of one epoch
 * @param validationNdcg  best validation NDCG@10, or NaN without early stopping
 * @param loadedFromFile  the model was loaded from its model file instead of trained
 */
public record TwoTowerReport(int epochs, int bestEpoch, double secondsPerEpoch, double validationNdcg,
                             boolean loadedFromFile) {

    static TwoTowerReport of(TwoTowerTrainer.Outcome o) {
        return new TwoTowerReport(o.epochs(), o.bestEpoch(), o.secondsPerEpoch(), o.bestValidationNdcg(), false);
    }

    static TwoTowerReport loaded() {
        return new TwoTowerReport(0, 0, Double.NaN, Double.NaN, true);
    }
}
