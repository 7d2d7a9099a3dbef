package dev.braid.plugin.factorization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.braid.api.data.FeatureMatrix;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class VbprModelTest {

    @Test
    void itemsWithoutTrainingPositivesAreScoredByTheirContentTermsAlone() {
        // 6 users x 5 items; item 4 has positives in "all" (so it is initialised with random factors) but none
        // in the part trained on, as when its positives are held out for validation.
        int[] allStart = {0, 2, 4, 6, 8, 10, 12};
        int[] allItems = {0, 4, 1, 2, 0, 3, 1, 4, 2, 3, 0, 1};
        Positives all = new Positives(6, 5, allStart, allItems);
        int[] trainStart = {0, 1, 3, 5, 6, 8, 10};
        int[] trainItems = {0, 1, 2, 0, 3, 1, 2, 3, 0, 1};
        Positives train = new Positives(6, 5, trainStart, trainItems);
        SplittableRandom r = new SplittableRandom(4);
        float[][] v = new float[5][6];
        for (float[] row : v) {
            for (int x = 0; x < row.length; x++) {
                row[x] = (float) r.nextDouble();
            }
        }
        SparseRows content = SparseRows.of(FeatureMatrix.ofRows(6, v));
        for (int batch : new int[] {1, 4}) {
            VbprModel m = VbprModel.init(all, content, 3, 2, 0.05, 0.01, 0.001, 9);
            m.batch = batch;
            assertThat(m.q[4 * 3]).isNotZero();
            for (int e = 0; e < 5; e++) {
                m.epoch(train, new SplittableRandom(e));
            }
            m.prepare();
            assertThat(new float[] {m.q[12], m.q[13], m.q[14], m.b[4]}).containsOnly(0f);
            float[] scores = new float[5];
            for (int u = 0; u < 6; u++) {
                m.scoreUser(u, scores);
                // θ_u · E f_4 + β · f_4, computed from the parameters
                double expected = 0;
                for (int x = content.rowStart[4]; x < content.rowStart[5]; x++) {
                    int f = content.cols[x];
                    expected += content.vals[x] * m.beta[f];
                    for (int c = 0; c < 2; c++) {
                        expected += content.vals[x] * m.e[f * 2 + c] * m.theta[u * 2 + c];
                    }
                }
                assertThat((double) scores[4]).as("batch %d, user %d", batch, u)
                        .isCloseTo(expected, within(1e-5));
                assertThat(scores[0]).isNotEqualTo(scores[4]);
            }
        }
    }

    @Test
    void theDenseAndSparseMiniBatchProductsTrainTheSameModel() {
        Positives all = new Positives(6, 5, new int[] {0, 2, 4, 6, 8, 10, 12},
                new int[] {0, 4, 1, 2, 0, 3, 1, 4, 2, 3, 0, 1});
        SplittableRandom r = new SplittableRandom(8);
        float[][] v = new float[5][7];
        for (float[] row : v) {
            for (int x = 0; x < row.length; x++) {
                row[x] = (float) (r.nextDouble() * 2 - 1);
            }
        }
        SparseRows content = SparseRows.of(FeatureMatrix.ofRows(7, v));
        VbprModel dense = VbprModel.init(all, content, 3, 2, 0.05, 0.01, 0.001, 9);
        VbprModel sparse = VbprModel.init(all, content, 3, 2, 0.05, 0.01, 0.001, 9);
        dense.batch = 3;
        sparse.batch = 3;
        sparse.useSparseProducts();
        for (int e = 0; e < 20; e++) {
            dense.epoch(all, new SplittableRandom(e));
            sparse.epoch(all, new SplittableRandom(e));
        }
        dense.prepare();
        sparse.prepare();
        assertThat(dense.e).containsExactly(sparse.e, within(1e-4f));
        assertThat(dense.beta).containsExactly(sparse.beta, within(1e-4f));
        float[] a = new float[5];
        float[] b = new float[5];
        for (int u = 0; u < 6; u++) {
            dense.scoreUser(u, a);
            sparse.scoreUser(u, b);
            assertThat(a).containsExactly(b, within(1e-4f));
        }
        assertThat(dense.e).isNotEqualTo(VbprModel.init(all, content, 3, 2, 0.05, 0.01, 0.001, 9).e);
    }
}
