package dev.braid.plugin.fusion;

import static dev.braid.plugin.fusion.Fixtures.R;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.braid.api.component.ProgressListener;
import dev.braid.api.compute.ReferenceBackend;
import dev.braid.api.data.FeatureMatrix;
import dev.braid.api.data.Modality;
import dev.braid.api.fusion.FusionInput;
import dev.braid.api.fusion.ModalityVectors;
import dev.braid.testkit.Planted;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WeightedSumFusionTest {
    private static final float EPS = 1e-5f;
    private final ReferenceBackend backend = new ReferenceBackend();

    private WeightedSumFusion fitted(Map<String, Double> weights, String projection, int dim, FusionInput in) {
        WeightedSumFusion f = new WeightedSumFusion(new WeightedSumConfig(weights, List.of(), dim,
                ProjectionParams.of(projection)), backend);
        f.fit(in, ProgressListener.NONE);
        return f;
    }

    @Test
    void sumsUnitVectorsWithWeightsRenormalisedOverPresentModalities() {
        FusionInput in = Fixtures.twoByTwo();
        WeightedSumFusion f = fitted(Map.of("text", 3.0, "image", 1.0), "none", 2, in);

        assertThat(f.dimension()).isEqualTo(2);
        // complete: 0.75 * (-r, -r) + 0.25 * (1, 0)
        assertThat(f.fuse(in.row(0))).containsExactly(new float[] {0.25f - 0.75f * R, -0.75f * R}, within(EPS));
        // text only: weight 3 / 3 = 1
        assertThat(f.fuse(in.row(1))).containsExactly(new float[] {0, 1}, within(EPS));
        // image only: weight 1 / 1 = 1
        assertThat(f.fuse(in.row(2))).containsExactly(new float[] {-1, 0}, within(EPS));
        // image present but at its mean: a zero unit vector that still takes its share of the weight
        assertThat(f.fuse(in.row(3))).containsExactly(new float[] {0.75f, 0}, within(EPS));
        assertThat(f.fuse(in.row(4))).isNull();
        assertThat(f.modalityWeights()).containsEntry(Modality.TEXT, 0.75).containsEntry(Modality.IMAGE, 0.25);
    }

    @Test
    void zeroWeightModalityIsMaskedOut() {
        FusionInput in = Fixtures.twoByTwo();
        WeightedSumFusion f = fitted(Map.of("image", 0.0), "none", 2, in);

        assertThat(f.fuse(in.row(2))).isNull();
        assertThat(f.fuse(in.row(0))).containsExactly(new float[] {-R, -R}, within(EPS));
    }

    @Test
    void pcaProjectsToTheCommonDimensionAndKeepsTheDominantDirection() {
        // text (dim 6) varies along one direction with small noise; image (dim 3) is isotropic noise
        int n = 300;
        Random rnd = new Random(5);
        float[][] text = new float[n][6];
        float[][] image = new float[n][3];
        for (int i = 0; i < n; i++) {
            double a = rnd.nextGaussian();
            for (int d = 0; d < 6; d++) {
                text[i][d] = (float) (a * (d + 1) + 0.01 * rnd.nextGaussian());
            }
            for (int d = 0; d < 3; d++) {
                image[i][d] = (float) rnd.nextGaussian();
            }
        }
        image[7] = null;
        FusionInput in = new FusionInput(Planted.catalog(n), Map.of(Modality.TEXT, FeatureMatrix.ofRows(6, text),
                Modality.IMAGE, FeatureMatrix.ofRows(3, image)), null, 3L);
        WeightedSumFusion f = fitted(Map.of(), "pca", 4, in);

        assertThat(f.dimension()).isEqualTo(4);
        float[] textOnly = f.fuse(ModalityVectors.of(Map.of(Modality.TEXT, text[7])));
        // after standardisation every text dimension is +-a: one direction explains it; unit length in 4-d
        assertThat(norm(textOnly)).isCloseTo(1.0, within(1e-4));
        float[] other = f.fuse(ModalityVectors.of(Map.of(Modality.TEXT, text[8])));
        assertThat(Math.abs(dot(textOnly, other))).isCloseTo(1.0, within(1e-3));
        assertThat(f.fuse(in.row(7))).containsExactly(textOnly, within(EPS));
    }

    @Test
    void randomProjectionIsSeededAndOrthonormal() {
        Projection a = Projection.random(20, 5, 11);
        Projection b = Projection.random(20, 5, 11);
        Projection c = Projection.random(20, 5, 12);
        assertThat(a.p()).containsExactly(b.p());
        assertThat(a.p()).isNotEqualTo(c.p());
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 5; j++) {
                double s = 0;
                for (int d = 0; d < 20; d++) {
                    s += a.p()[d * 5 + i] * a.p()[d * 5 + j];
                }
                assertThat(s).isCloseTo(i == j ? 1.0 : 0.0, within(1e-5));
            }
        }
        // widening (3 -> 8) is an isometry: norms are kept
        Projection wide = Projection.random(3, 8, 1);
        float[] x = {1, -2, 0.5f};
        assertThat(norm(wide.apply(x, backend))).isCloseTo(norm(x), within(1e-5));
    }

    @Test
    void rejectsBadParametersAndMismatchedDimensions() {
        assertThatThrownBy(() -> new WeightedSumFusion(new WeightedSumConfig(Map.of(), List.of(), 8,
                ProjectionParams.of("svd")), backend)).hasMessageContaining("projection");
        assertThatThrownBy(() -> new WeightedSumFusion(new WeightedSumConfig(Map.of("smell", 1.0), List.of(), 8,
                ProjectionParams.of("pca")), backend)).hasMessageContaining("weights.smell");
        WeightedSumFusion none = new WeightedSumFusion(new WeightedSumConfig(Map.of(), List.of(), 3,
                ProjectionParams.of("none")), backend);
        assertThatThrownBy(() -> none.fit(Fixtures.twoByTwo(), ProgressListener.NONE))
                .hasMessageContaining("dimension 3").hasMessageContaining("text has 2");
    }

    private static double norm(float[] v) {
        return Math.sqrt(dot(v, v));
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
