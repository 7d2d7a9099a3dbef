package dev.braid.plugin.factorization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.braid.api.data.FeatureMatrix;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DenseContentTest {
    private static final int ITEMS = 37;
    private static final int DIM = 11;
    private static final int KC = 5;

    private static float[] random(int n, SplittableRandom r) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return a;
    }

    private static SparseRows rows(SplittableRandom r) {
        float[][] v = new float[ITEMS][];
        for (int i = 0; i < ITEMS; i++) {
            v[i] = i == 3 ? null : random(DIM, r); // one item without content
        }
        return SparseRows.of(FeatureMatrix.ofRows(DIM, v));
    }

    /** Random content rows, their dense form, and random content factors and biases, drawn in that order. */
    private static final class Case {
        final SplittableRandom random;
        final SparseRows rows;
        final DenseContent dense;
        final float[] et;
        final float[] beta;

        Case(SplittableRandom random) {
            this.random = random;
            rows = rows(random);
            dense = DenseContent.of(rows);
            et = random(KC * DIM, random);
            beta = random(DIM, random);
        }
    }

    /** The value of unit row {@code i} at feature {@code f}. */
    private static float at(SparseRows c, int i, int f) {
        for (int x = c.rowStart[i]; x < c.rowStart[i + 1]; x++) {
            if (c.cols[x] == f) {
                return c.vals[x];
            }
        }
        return 0f;
    }

    @Test
    void projectsEveryItemAsTheNaiveProducts() {
        Case x = new Case(new SplittableRandom(1));
        SparseRows c = x.rows;
        float[] et = x.et;
        float[] beta = x.beta;
        DenseContent dense = x.dense;
        float[] proj = new float[ITEMS * KC];
        float[] bias = new float[ITEMS];
        dense.project(et, beta, KC, new float[KC * ITEMS], proj, bias);
        for (int i = 0; i < ITEMS; i++) {
            double b = 0;
            for (int f = 0; f < DIM; f++) {
                b += (double) beta[f] * at(c, i, f);
            }
            assertThat(bias[i]).isCloseTo((float) b, within(1e-5f));
            for (int k = 0; k < KC; k++) {
                double s = 0;
                for (int f = 0; f < DIM; f++) {
                    s += (double) et[k * DIM + f] * at(c, i, f);
                }
                assertThat(proj[i * KC + k]).as("item %d, factor %d", i, k).isCloseTo((float) s, within(1e-5f));
            }
        }
    }

    @Test
    void addsTheTouchedItemsGradientsAsTheNaiveSums() {
        Case x = new Case(new SplittableRandom(2));
        SplittableRandom r = x.random;
        SparseRows c = x.rows;
        float[] et = x.et;
        float[] beta = x.beta;
        DenseContent dense = x.dense;
        float[] g = random(ITEMS * KC, r);
        float[] gb = random(ITEMS, r);
        int[] touched = {5, 3, 30, 0};
        float step = 0.1f;
        float[] expectedEt = et.clone();
        float[] expectedBeta = beta.clone();
        for (int item : touched) {
            for (int f = 0; f < DIM; f++) {
                for (int k = 0; k < KC; k++) {
                    expectedEt[k * DIM + f] += step * g[item * KC + k] * at(c, item, f);
                }
                expectedBeta[f] += step * gb[item] * at(c, item, f);
            }
        }
        dense.addGradient(et, beta, KC, touched, touched.length, g, gb, step);
        assertThat(et).containsExactly(expectedEt, within(1e-5f));
        assertThat(beta).containsExactly(expectedBeta, within(1e-5f));
    }

    @Test
    void sparseContentIsNotCopied() {
        float[][] v = new float[ITEMS][DIM];
        for (int i = 0; i < ITEMS; i++) {
            v[i][i % DIM] = 1f; // one non-zero in eleven: below the density threshold
        }
        assertThat(DenseContent.of(SparseRows.of(FeatureMatrix.ofRows(DIM, v)))).isNull();
    }
}
