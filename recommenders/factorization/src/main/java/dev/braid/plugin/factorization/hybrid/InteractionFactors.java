package dev.braid.plugin.factorization.hybrid;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;

import java.util.Random;

/**
 * Collaborative item factors: the truncated SVD of the degree-normalised interaction matrix
 * {@code R[u,i] / sqrt((d_u + 1)(d_i + 1))} over the warm items, item factors {@code V = right singular vectors *
 * sqrt(singular values)} (the scaling of PureSVD-style models). Computed by randomised subspace iteration
 * (Halko, Martinsson and Tropp, 2011): only sparse products with the matrix, an orthonormalisation of an {@code items x (k + 10)}
 * block per iteration (Gram-Schmidt) and one small symmetric eigendecomposition, so it scales with the number of interactions.
 */
final class InteractionFactors {
    private static final int OVERSAMPLE = 10;

    private InteractionFactors() {
    }

    /**
     * @param rows    each user's item indices (training interactions); items outside {@code columns} are ignored
     * @param columns whether an item takes part (the warm items)
     * @param rank    factors wanted
     * @return {@code n x rank} factors, zero rows for the items that do not take part
     */
    static double[][] of(int[][] rows, boolean[] columns, int rank, int powerIterations, long seed) {
        int n = columns.length;
        int[] itemDegree = new int[n];
        for (int[] r : rows) {
            for (int i : r) {
                if (columns[i]) {
                    itemDegree[i]++;
                }
            }
        }
        double[] userScale = new double[rows.length];
        for (int u = 0; u < rows.length; u++) {
            int d = 0;
            for (int i : rows[u]) {
                d += columns[i] ? 1 : 0;
            }
            userScale[u] = 1 / Math.sqrt(d + 1.0);
        }
        double[] itemScale = new double[n];
        int active = 0;
        for (int i = 0; i < n; i++) {
            itemScale[i] = columns[i] ? 1 / Math.sqrt(itemDegree[i] + 1.0) : 0;
            active += columns[i] ? 1 : 0;
        }
        int l = Math.min(rank + OVERSAMPLE, Math.max(1, Math.min(active, rows.length)));
        Random random = new Random(seed);
        double[][] q = new double[n][l];
        for (int i = 0; i < n; i++) {
            if (columns[i]) {
                for (int j = 0; j < l; j++) {
                    q[i][j] = random.nextGaussian();
                }
            }
        }
        q = orthonormal(q);
        for (int it = 0; it <= powerIterations; it++) {
            q = orthonormal(transposeTimes(rows, userScale, itemScale, times(rows, userScale, itemScale, q, l), n, l));
        }
        double[][] b = times(rows, userScale, itemScale, q, l); // users x l
        double[][] gram = new double[l][l];
        for (double[] row : b) {
            for (int a = 0; a < l; a++) {
                double x = row[a];
                if (x != 0) {
                    for (int c = 0; c < l; c++) {
                        gram[a][c] += x * row[c];
                    }
                }
            }
        }
        EigenDecomposition eig = new EigenDecomposition(new Array2DRowRealMatrix(gram, false));
        double[] values = eig.getRealEigenvalues();
        Integer[] order = new Integer[l];
        for (int j = 0; j < l; j++) {
            order[j] = j;
        }
        java.util.Arrays.sort(order, (x, y) -> Double.compare(values[y], values[x]));
        int k = Math.min(rank, l);
        double[][] v = new double[n][rank];
        for (int c = 0; c < k; c++) {
            double sigma = Math.sqrt(Math.max(0, values[order[c]]));
            double scale = Math.sqrt(sigma);
            double[] e = eig.getEigenvector(order[c]).toArray();
            for (int i = 0; i < n; i++) {
                if (!columns[i]) {
                    continue;
                }
                double s = 0;
                for (int j = 0; j < l; j++) {
                    s += q[i][j] * e[j];
                }
                v[i][c] = s * scale;
            }
        }
        return v;
    }

    /** {@code R_norm * x}: users x l. */
    private static double[][] times(int[][] rows, double[] userScale, double[] itemScale, double[][] x, int l) {
        double[][] out = new double[rows.length][l];
        for (int u = 0; u < rows.length; u++) {
            double[] o = out[u];
            for (int i : rows[u]) {
                double w = itemScale[i];
                if (w == 0) {
                    continue;
                }
                double[] xi = x[i];
                for (int j = 0; j < l; j++) {
                    o[j] += w * xi[j];
                }
            }
            for (int j = 0; j < l; j++) {
                o[j] *= userScale[u];
            }
        }
        return out;
    }

    /** {@code R_norm^T * y}: items x l. */
    private static double[][] transposeTimes(int[][] rows, double[] userScale, double[] itemScale, double[][] y,
                                             int n, int l) {
        double[][] out = new double[n][l];
        for (int u = 0; u < rows.length; u++) {
            double[] yu = y[u];
            double su = userScale[u];
            for (int i : rows[u]) {
                double w = itemScale[i] * su;
                if (w == 0) {
                    continue;
                }
                double[] o = out[i];
                for (int j = 0; j < l; j++) {
                    o[j] += w * yu[j];
                }
            }
        }
        return out;
    }

    /**
     * Orthonormal columns spanning {@code x} (thin QR by modified Gram-Schmidt, applied twice: "twice is enough"
     * for working precision). A column that vanishes against the earlier ones is left zero.
     */
    static double[][] orthonormal(double[][] x) {
        int n = x.length;
        int cols = x[0].length;
        double[][] q = new double[n][];
        for (int i = 0; i < n; i++) {
            q[i] = x[i].clone();
        }
        for (int pass = 0; pass < 2; pass++) {
            for (int c = 0; c < cols; c++) {
                for (int p = 0; p < c; p++) {
                    double dot = 0;
                    for (double[] row : q) {
                        dot += row[c] * row[p];
                    }
                    for (double[] row : q) {
                        row[c] -= dot * row[p];
                    }
                }
                double norm = 0;
                for (double[] row : q) {
                    norm += row[c] * row[c];
                }
                norm = Math.sqrt(norm);
                for (double[] row : q) {
                    row[c] = norm > 1e-12 ? row[c] / norm : 0;
                }
            }
        }
        return q;
    }
}
