package dev.braid.plugin.factorization.hybrid;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Ridge regression from weighted, concatenated content blocks to collaborative item factors (the
 * attribute-to-factor mapping of Gantner et al., 2010), fitted on the items that have factors. An item that lacks
 * a modality is never given zeros for it: it is mapped by a ridge fitted on the modalities it has (one map per
 * pattern of present modalities, each fitted on the items having at least those). Targets are centred, so an item
 * with no usable modality gets the mean factor vector.
 *
 * <p>Each pattern's Gram matrix and cross-products are computed once and reused for every weight and penalty tried:
 * with weights {@code D}, the normal equations are {@code (D G D + lambda I) W = D C}.
 */
final class RidgeMap {
    private final List<ContentBlock> blocks;
    private final double[][] targets;
    private final boolean[] fitItems;
    private final int k;
    private final double[] targetMean;
    private final Map<Integer, Moments> moments = new HashMap<>();

    /**
     * @param targets  per catalog row the factors to predict (used for the fitted items only)
     * @param fitItems the items the map learns from
     */
    RidgeMap(List<ContentBlock> blocks, double[][] targets, boolean[] fitItems) {
        this.blocks = List.copyOf(blocks);
        this.targets = targets;
        this.fitItems = fitItems;
        this.k = targets[0].length;
        this.targetMean = new double[k];
        int count = 0;
        for (int i = 0; i < targets.length; i++) {
            if (fitItems[i]) {
                for (int c = 0; c < k; c++) {
                    targetMean[c] += targets[i][c];
                }
                count++;
            }
        }
        for (int c = 0; c < k; c++) {
            targetMean[c] /= Math.max(1, count);
        }
    }

    /** The modalities (as a bit set over {@code blocks}) that item {@code i} has among those with weight > 0. */
    int pattern(int i, double[] weights) {
        int p = 0;
        for (int b = 0; b < blocks.size(); b++) {
            if (weights[b] > 0 && blocks.get(b).rows[i] != null) {
                p |= 1 << b;
            }
        }
        return p;
    }

    /**
     * Predicts the factors of {@code items} with one weight per block and ridge penalty {@code lambda}
     * (absolute).
     *
     * @return per requested item its predicted factors
     */
    double[][] predict(int[] items, double[] weights, double lambda) {
        double[][] out = new double[items.length][];
        Map<Integer, double[][]> solved = new HashMap<>();
        for (int t = 0; t < items.length; t++) {
            int i = items[t];
            int p = pattern(i, weights);
            if (p == 0) {
                out[t] = targetMean.clone();
                continue;
            }
            double[][] w = solved.computeIfAbsent(p, q -> solve(q, weights, lambda));
            double[] x = features(i, p, weights);
            double[] y = targetMean.clone();
            for (int a = 0; a < x.length; a++) {
                double xa = x[a];
                if (xa != 0) {
                    double[] wa = w[a];
                    for (int c = 0; c < k; c++) {
                        y[c] += xa * wa[c];
                    }
                }
            }
            out[t] = y;
        }
        return out;
    }

    private double[] features(int i, int pattern, double[] weights) {
        double[] x = new double[width(pattern)];
        int off = 0;
        for (int b = 0; b < blocks.size(); b++) {
            if ((pattern & (1 << b)) != 0) {
                double[] r = blocks.get(b).rows[i];
                for (int j = 0; j < r.length; j++) {
                    x[off + j] = weights[b] * r[j];
                }
                off += r.length;
            }
        }
        return x;
    }

    private int width(int pattern) {
        int w = 0;
        for (int b = 0; b < blocks.size(); b++) {
            if ((pattern & (1 << b)) != 0) {
                w += blocks.get(b).dim;
            }
        }
        return w;
    }

    private double[][] solve(int pattern, double[] weights, double lambda) {
        Moments m = moments.computeIfAbsent(pattern, this::moments);
        if (m.count == 0) {
            return new double[m.dim][k]; // no fitted item has these modalities: predict the mean
        }
        double[] scale = new double[m.dim];
        int off = 0;
        for (int b = 0; b < blocks.size(); b++) {
            if ((pattern & (1 << b)) != 0) {
                for (int j = 0; j < blocks.get(b).dim; j++) {
                    scale[off + j] = weights[b];
                }
                off += blocks.get(b).dim;
            }
        }
        double[][] a = new double[m.dim][m.dim];
        double[][] rhs = new double[m.dim][k];
        for (int r = 0; r < m.dim; r++) {
            for (int c = 0; c < m.dim; c++) {
                a[r][c] = scale[r] * m.gram[r][c] * scale[c];
            }
            a[r][r] += lambda;
            for (int c = 0; c < k; c++) {
                rhs[r][c] = scale[r] * m.cross[r][c];
            }
        }
        RealMatrix w = new CholeskyDecomposition(new Array2DRowRealMatrix(a, false), 1e-10, 1e-12).getSolver()
                .solve(new Array2DRowRealMatrix(rhs, false));
        return w.getData();
    }

    /** {@code X^T X} and {@code X^T (Y - mean)} over the fitted items that have every modality of the pattern. */
    private Moments moments(int pattern) {
        double[] ones = new double[blocks.size()];
        java.util.Arrays.fill(ones, 1);
        int dim = width(pattern);
        double[][] gram = new double[dim][dim];
        double[][] cross = new double[dim][k];
        int count = 0;
        for (int i = 0; i < targets.length; i++) {
            if (!fitItems[i] || (pattern(i, ones) & pattern) != pattern) {
                continue;
            }
            count++;
            double[] x = features(i, pattern, ones);
            double[] y = targets[i];
            for (int r = 0; r < dim; r++) {
                double xr = x[r];
                if (xr == 0) {
                    continue;
                }
                double[] g = gram[r];
                for (int c = r; c < dim; c++) {
                    g[c] += xr * x[c];
                }
                double[] cr = cross[r];
                for (int c = 0; c < k; c++) {
                    cr[c] += xr * (y[c] - targetMean[c]);
                }
            }
        }
        for (int r = 0; r < dim; r++) {
            for (int c = 0; c < r; c++) {
                gram[r][c] = gram[c][r];
            }
        }
        return new Moments(dim, count, gram, cross);
    }

    private record Moments(int dim, int count, double[][] gram, double[][] cross) {
    }
}
