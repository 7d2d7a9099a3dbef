package dev.braid.plugin.fusion;

/** Small dense helpers for fitting projections (row-major float or double arrays). */
final class LinearAlgebra {
    private LinearAlgebra() {
    }

    /** The transpose of a row-major {@code rows x cols} matrix. */
    static float[] transpose(float[] a, int rows, int cols) {
        float[] t = new float[a.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = a[r * cols + c];
            }
        }
        return t;
    }

    /**
     * Orthonormalises the columns of a row-major {@code rows x cols} matrix in place (modified Gram-Schmidt, two
     * passes for stability). A column that is (numerically) in the span of the previous ones becomes zero.
     *
     * @return how many columns are non-zero
     */
    static int orthonormalizeColumns(float[] a, int rows, int cols) {
        double[] col = new double[rows];
        int rank = 0;
        for (int c = 0; c < cols; c++) {
            double original = 0;
            for (int r = 0; r < rows; r++) {
                col[r] = a[r * cols + c];
                original += col[r] * col[r];
            }
            for (int pass = 0; pass < 2; pass++) {
                for (int p = 0; p < c; p++) {
                    double dot = 0;
                    for (int r = 0; r < rows; r++) {
                        dot += col[r] * a[r * cols + p];
                    }
                    for (int r = 0; r < rows; r++) {
                        col[r] -= dot * a[r * cols + p];
                    }
                }
            }
            double norm = 0;
            for (int r = 0; r < rows; r++) {
                norm += col[r] * col[r];
            }
            boolean keep = norm > 1e-10 * Math.max(original, 1e-30) && norm > 0;
            double k = keep ? 1 / Math.sqrt(norm) : 0;
            for (int r = 0; r < rows; r++) {
                a[r * cols + c] = (float) (col[r] * k);
            }
            if (keep) {
                rank++;
            }
        }
        return rank;
    }

    /**
     * Eigen-decomposition of a symmetric {@code n x n} matrix by cyclic Jacobi rotations.
     *
     * @param s the matrix, row-major; destroyed
     * @return eigenvalues (descending) in {@code values}, and the matching unit eigenvectors as the columns of
     *         {@code vectors} (row-major {@code n x n})
     */
    static Eigen symmetricEigen(double[] s, int n) {
        double[] v = new double[n * n];
        for (int i = 0; i < n; i++) {
            v[i * n + i] = 1;
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            double diag = 0;
            for (int i = 0; i < n; i++) {
                diag += s[i * n + i] * s[i * n + i];
                for (int j = i + 1; j < n; j++) {
                    off += s[i * n + j] * s[i * n + j];
                }
            }
            if (off <= 1e-30 * Math.max(diag, 1e-300)) {
                break;
            }
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    double apq = s[p * n + q];
                    if (apq == 0) {
                        continue;
                    }
                    double theta = (s[q * n + q] - s[p * n + p]) / (2 * apq);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(t * t + 1);
                    double sn = t * c;
                    for (int k = 0; k < n; k++) {
                        double skp = s[k * n + p];
                        double skq = s[k * n + q];
                        s[k * n + p] = c * skp - sn * skq;
                        s[k * n + q] = sn * skp + c * skq;
                    }
                    for (int k = 0; k < n; k++) {
                        double spk = s[p * n + k];
                        double sqk = s[q * n + k];
                        s[p * n + k] = c * spk - sn * sqk;
                        s[q * n + k] = sn * spk + c * sqk;
                    }
                    for (int k = 0; k < n; k++) {
                        double vkp = v[k * n + p];
                        double vkq = v[k * n + q];
                        v[k * n + p] = c * vkp - sn * vkq;
                        v[k * n + q] = sn * vkp + c * vkq;
                    }
                }
            }
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        double[] diag = new double[n];
        for (int i = 0; i < n; i++) {
            diag[i] = s[i * n + i];
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(diag[b], diag[a]));
        double[] values = new double[n];
        double[] vectors = new double[n * n];
        for (int j = 0; j < n; j++) {
            values[j] = diag[order[j]];
            for (int k = 0; k < n; k++) {
                vectors[k * n + j] = v[k * n + order[j]];
            }
        }
        return new Eigen(values, vectors);
    }

    /** Eigenvalues, descending, and eigenvectors as columns. */
    record Eigen(double[] values, double[] vectors) {
    }
}
