package dev.braid.plugin.fusion;

import dev.braid.api.data.FeatureMatrix;
import dev.braid.api.fusion.FusionInput;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The validation objective of the learned strategies ({@link InteractionSplit#auc}: held-out item against sampled
 * negatives, cosine to the profile of the user's other items) for concat-style fused vectors: weighted blocks of
 * standardised, L2-normalised modality vectors ({@link Block}), for any weights, without building the fused
 * vectors.
 *
 * <p>With weights {@code w}, an item's unit fused vector is {@code Σ_m w_m u_{m,i} / q_i} where {@code u_{m,i}} is
 * the unit block of modality {@code m} (zero when absent or when it standardises to zero) and
 * {@code q_i = sqrt(Σ_{m ∈ Q_i} w_m²)} over the item's non-zero blocks {@code Q_i} (its pattern). The score of a
 * candidate {@code c} for a profile built from history {@code H} is then
 * {@code (1 / q_c) Σ_m w_m² Σ_Q (1 / q_Q) Σ_{i ∈ H, Q_i = Q} u_{m,i} · u_{m,c}}. The inner sums do not depend on the
 * weights and are computed once per validation row, candidate, modality and pattern, so a weighting costs
 * {@code rows × candidates × modalities × patterns} operations. An item with no weighted block has no fused vector:
 * it scores 0 and adds nothing to a profile, as a zero row does in {@link InteractionSplit#auc}.
 *
 * <p>Immutable after construction.
 */
final class WeightedBlocksObjective {
    private final int modalities;
    /** The distinct non-empty patterns (bit {@code m}: block {@code m} is non-zero) of the fit history items. */
    private final int[] patterns;
    /** Per validation row and candidate (held-out item first, then negatives): the candidate's pattern. */
    private final int[][] candidatePattern;
    /** Per validation row: {@code [candidate][modality][pattern]} flattened. */
    private final double[][] sums;
    private final int candidates;

    /**
     * @param blocks the modalities' blocks (their weights are ignored), in the order of the weights passed later
     * @param split  the validation split to score on
     */
    WeightedBlocksObjective(List<Block> blocks, FusionInput input, InteractionSplit split) {
        this.modalities = blocks.size();
        if (modalities > 30) {
            throw new IllegalArgumentException("at most 30 modalities, got " + modalities);
        }
        int n = input.catalog().size();
        float[][] units = new float[modalities][];
        int[] pattern = new int[n];
        for (int m = 0; m < modalities; m++) {
            Block b = blocks.get(m);
            FeatureMatrix matrix = input.modalities().get(b.modality());
            Block unit = new Block(b.modality(), 0, b.dim(), 1.0, b.stats());
            units[m] = new float[n * b.dim()];
            float[] row = new float[b.dim()];
            for (int i = 0; i < n; i++) {
                float[] x = matrix.row(i);
                if (x == null) {
                    continue;
                }
                Arrays.fill(row, 0f);
                unit.write(x, 1.0, row);
                boolean nonZero = false;
                for (float v : row) {
                    nonZero |= v != 0f;
                }
                if (nonZero) {
                    System.arraycopy(row, 0, units[m], i * b.dim(), b.dim());
                    pattern[i] |= 1 << m;
                }
            }
        }
        List<Integer> seen = new ArrayList<>();
        for (int[] h : split.fitHistory) {
            for (int i : h) {
                if (pattern[i] != 0 && !seen.contains(pattern[i])) {
                    seen.add(pattern[i]);
                }
            }
        }
        this.patterns = seen.stream().mapToInt(Integer::intValue).toArray();
        int k = patterns.length;
        this.candidates = split.validation.isEmpty() ? 0 : split.validation.get(0).length - 1;
        this.candidatePattern = new int[split.validation.size()][];
        this.sums = new double[split.validation.size()][];
        double[][][] profile = new double[modalities][k][];
        int profileUser = -1;
        for (int r = 0; r < split.validation.size(); r++) {
            int[] row = split.validation.get(r);
            if (row[0] != profileUser) {
                profileUser = row[0];
                for (int m = 0; m < modalities; m++) {
                    int dim = blocks.get(m).dim();
                    for (int p = 0; p < k; p++) {
                        profile[m][p] = new double[dim];
                    }
                    for (int i : split.fitHistory[profileUser]) {
                        if ((pattern[i] & (1 << m)) == 0) {
                            continue;
                        }
                        double[] acc = profile[m][indexOf(pattern[i])];
                        for (int c = 0; c < dim; c++) {
                            acc[c] += units[m][i * dim + c];
                        }
                    }
                }
            }
            candidatePattern[r] = new int[candidates];
            sums[r] = new double[candidates * modalities * k];
            for (int c = 0; c < candidates; c++) {
                int item = row[1 + c];
                candidatePattern[r][c] = pattern[item];
                for (int m = 0; m < modalities; m++) {
                    if ((pattern[item] & (1 << m)) == 0) {
                        continue;
                    }
                    int dim = blocks.get(m).dim();
                    for (int p = 0; p < k; p++) {
                        double s = 0;
                        double[] acc = profile[m][p];
                        for (int d = 0; d < dim; d++) {
                            s += acc[d] * units[m][item * dim + d];
                        }
                        sums[r][(c * modalities + m) * k + p] = s;
                    }
                }
            }
        }
    }

    private int indexOf(int pattern) {
        for (int p = 0; p < patterns.length; p++) {
            if (patterns[p] == pattern) {
                return p;
            }
        }
        throw new IllegalStateException("unknown pattern " + pattern);
    }

    /** Whether anything is held out (otherwise every AUC is NaN). */
    boolean hasValidation() {
        return sums.length > 0;
    }

    /**
     * The validation AUC of the blocks fused with these weights ({@code >= 0}, scale-free), NaN when nothing is
     * held out.
     */
    double auc(double[] weights) {
        if (weights.length != modalities) {
            throw new IllegalArgumentException("expected " + modalities + " weights, got " + weights.length);
        }
        if (sums.length == 0) {
            return Double.NaN;
        }
        int k = patterns.length;
        double[] sq = new double[modalities];
        for (int m = 0; m < modalities; m++) {
            sq[m] = weights[m] * weights[m];
        }
        double[] historyScale = new double[k];
        for (int p = 0; p < k; p++) {
            historyScale[p] = inverseNorm(patterns[p], sq);
        }
        double total = 0;
        double[] score = new double[candidates];
        for (int r = 0; r < sums.length; r++) {
            double[] s = sums[r];
            for (int c = 0; c < candidates; c++) {
                double own = inverseNorm(candidatePattern[r][c], sq);
                double v = 0;
                if (own > 0) {
                    for (int m = 0; m < modalities; m++) {
                        if (sq[m] == 0) {
                            continue;
                        }
                        double inner = 0;
                        int base = (c * modalities + m) * k;
                        for (int p = 0; p < k; p++) {
                            inner += historyScale[p] * s[base + p];
                        }
                        v += sq[m] * inner;
                    }
                }
                score[c] = own * v;
            }
            double wins = 0;
            for (int c = 1; c < candidates; c++) {
                wins += score[0] > score[c] ? 1 : score[0] == score[c] ? 0.5 : 0;
            }
            total += wins / (candidates - 1);
        }
        return total / sums.length;
    }

    /** {@code 1 / sqrt(Σ_{m ∈ pattern} w_m²)}, 0 when no block of the pattern has weight. */
    private double inverseNorm(int pattern, double[] sq) {
        double s = 0;
        for (int m = 0; m < modalities; m++) {
            if ((pattern & (1 << m)) != 0) {
                s += sq[m];
            }
        }
        return s > 0 ? 1 / Math.sqrt(s) : 0;
    }

    /** The AUC of modality {@code m} alone (weight 1, every other modality 0). */
    double single(int m) {
        double[] w = new double[modalities];
        w[m] = 1;
        return auc(w);
    }
}
