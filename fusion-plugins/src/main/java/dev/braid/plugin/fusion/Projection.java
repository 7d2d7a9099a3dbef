package dev.braid.plugin.fusion;

import dev.braid.api.compute.ComputeBackend;
import java.util.SplittableRandom;

/**
 * A linear map from a modality's dimension {@code in} to the common dimension {@code out}: {@code y = P^T x} with
 * {@code P} an {@code in x out} matrix. Immutable (the arrays are never exposed).
 *
 * @param kind      how it was made
 * @param in        input dimension
 * @param out       output dimension
 * @param p         row-major {@code in x out}
 * @param pt        its transpose, row-major {@code out x in} (one item: {@code matvec})
 * @param explained share of the fitted data's squared norm kept (PCA; 1 for none, the expected {@code out/in}
 *                  for a random narrowing projection)
 */
record Projection(ProjectionKind kind, int in, int out, float[] p, float[] pt, double explained) {

    /** Oversampling of the randomised range finder. */
    private static final int OVERSAMPLE = 10;

    /** The identity ({@code in == out}). */
    static Projection identity(int dim) {
        float[] eye = new float[dim * dim];
        for (int i = 0; i < dim; i++) {
            eye[i * dim + i] = 1;
        }
        return new Projection(ProjectionKind.NONE, dim, dim, eye, eye.clone(), 1.0);
    }

    /**
     * A seeded random projection: orthonormal columns when {@code out <= in} (an orthogonal projection onto a random
     * subspace), orthonormal rows when {@code out > in} (an isometric embedding).
     */
    static Projection random(int in, int out, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] p;
        if (out <= in) {
            p = gaussian(in * out, rnd);
            LinearAlgebra.orthonormalizeColumns(p, in, out);
        } else {
            float[] h = gaussian(out * in, rnd);
            LinearAlgebra.orthonormalizeColumns(h, out, in);
            p = LinearAlgebra.transpose(h, out, in);
        }
        return new Projection(ProjectionKind.RANDOM, in, out, p, LinearAlgebra.transpose(p, in, out),
                Math.min(1.0, out / (double) in));
    }

    /**
     * The top {@code out} principal directions of the rows of {@code z} ({@code n x in}, already centred or
     * standardised), by a randomised range finder (Halko, Martinsson and Tropp 2011) with {@code powerIterations}
     * power iterations; every product runs on the backend. When the data has fewer than {@code out} directions
     * (rank, or {@code in < out}), the remaining columns of {@code P} are zero.
     */
    static Projection pca(float[] z, int n, int in, int out, int powerIterations, long seed, ComputeBackend backend) {
        int l = Math.min(out + OVERSAMPLE, in);
        if (n == 0 || l == 0) {
            return new Projection(ProjectionKind.PCA, in, out, new float[in * out], new float[out * in], 0);
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] omega = gaussian(in * l, rnd);
        float[] y = new float[n * l];
        backend.matmul(z, omega, y, n, in, l);
        float[] zt = LinearAlgebra.transpose(z, n, in);
        float[] w = new float[in * l];
        for (int q = 0; q < powerIterations; q++) {
            LinearAlgebra.orthonormalizeColumns(y, n, l);
            backend.matmul(zt, y, w, in, n, l);
            LinearAlgebra.orthonormalizeColumns(w, in, l);
            backend.matmul(z, w, y, n, in, l);
        }
        LinearAlgebra.orthonormalizeColumns(y, n, l);
        float[] b = new float[l * in];
        backend.matmul(LinearAlgebra.transpose(y, n, l), z, b, l, n, in);
        float[] bt = LinearAlgebra.transpose(b, l, in);
        float[] c = new float[l * l];
        backend.matmul(b, bt, c, l, in, l);
        double[] cd = new double[l * l];
        for (int i = 0; i < l; i++) {
            for (int j = 0; j < l; j++) {
                cd[i * l + j] = 0.5 * (c[i * l + j] + c[j * l + i]);
            }
        }
        LinearAlgebra.Eigen eig = LinearAlgebra.symmetricEigen(cd, l);
        float[] u = new float[l * l];
        for (int i = 0; i < u.length; i++) {
            u[i] = (float) eig.vectors()[i];
        }
        float[] btu = new float[in * l];
        backend.matmul(bt, u, btu, in, l, l);
        float[] p = new float[in * out];
        double top = Math.max(eig.values()[0], 0);
        double kept = 0;
        for (int j = 0; j < Math.min(out, l); j++) {
            double lambda = eig.values()[j];
            if (!(lambda > 1e-9 * top) || lambda <= 0) {
                break;
            }
            kept += lambda;
            double inv = 1 / Math.sqrt(lambda);
            for (int d = 0; d < in; d++) {
                p[d * out + j] = (float) (btu[d * l + j] * inv);
            }
        }
        double total = 0;
        for (float x : z) {
            total += (double) x * x;
        }
        return new Projection(ProjectionKind.PCA, in, out, p, LinearAlgebra.transpose(p, in, out),
                total > 0 ? Math.min(1.0, kept / total) : 0);
    }

    /** {@code P^T x} for one vector. */
    float[] apply(float[] x, ComputeBackend backend) {
        float[] y = new float[out];
        backend.matvec(pt, out, in, x, y);
        return y;
    }

    private static float[] gaussian(int size, SplittableRandom rnd) {
        float[] g = new float[size];
        for (int i = 0; i < size; i++) {
            // Box-Muller from two uniforms; deterministic for a seed
            double u1 = 1.0 - rnd.nextDouble();
            double u2 = rnd.nextDouble();
            g[i] = (float) (Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2));
        }
        return g;
    }
}
