package dev.braid.plugin.fusion;

import dev.braid.api.data.Catalog;
import dev.braid.api.data.FeatureMatrix;
import dev.braid.api.data.Interaction;
import dev.braid.api.data.InteractionMatrix;
import dev.braid.api.data.Modality;
import dev.braid.api.fusion.FusionInput;
import dev.braid.api.fusion.FusionStrategy;
import dev.braid.api.fusion.ModalityVectors;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Synthetic catalogs with planted signal, and the validation AUC of a fitted strategy's actual output. */
final class Planted {
    static final int ITEMS = 240;

    private Planted() {
    }

    /**
     * Text shows the item's cluster (one of 4, plus noise); image is pure Gaussian noise. Each of 120 users likes
     * one cluster (12 interactions).
     */
    static FusionInput noiseImage(long seed) {
        Random rnd = new Random(seed);
        float[][] text = new float[ITEMS][4];
        float[][] image = new float[ITEMS][4];
        for (int i = 0; i < ITEMS; i++) {
            for (int k = 0; k < 4; k++) {
                text[i][k] = (float) ((k == i % 4 ? 1 : 0) + 0.8 * rnd.nextGaussian());
                image[i][k] = (float) rnd.nextGaussian();
            }
        }
        List<Interaction> xs = new ArrayList<>();
        for (int u = 0; u < 120; u++) {
            for (int k = 0; k < 12; k++) {
                xs.add(Interaction.implicit("u" + u, "i" + (u % 4 + 4 * rnd.nextInt(ITEMS / 4))));
            }
        }
        return input(text, image, xs, seed);
    }

    /**
     * Text shows one attribute of the item ({@code i % 4}), image another ({@code (i / 4) % 4}), each with noise;
     * each user likes one combination of both, so neither modality alone tells a user's items apart.
     */
    static FusionInput complementary(long seed) {
        Random rnd = new Random(seed);
        float[][] text = new float[ITEMS][4];
        float[][] image = new float[ITEMS][4];
        for (int i = 0; i < ITEMS; i++) {
            for (int k = 0; k < 4; k++) {
                text[i][k] = (float) ((k == i % 4 ? 1 : 0) + 0.5 * rnd.nextGaussian());
                image[i][k] = (float) ((k == (i / 4) % 4 ? 1 : 0) + 0.5 * rnd.nextGaussian());
            }
        }
        List<Interaction> xs = new ArrayList<>();
        for (int u = 0; u < 120; u++) {
            int combo = u % 16;
            for (int k = 0; k < 10; k++) {
                xs.add(Interaction.implicit("u" + u, "i" + (combo + 16 * rnd.nextInt(ITEMS / 16))));
            }
        }
        return input(text, image, xs, seed);
    }

    private static FusionInput input(float[][] text, float[][] image, List<Interaction> xs, long seed) {
        Catalog catalog = Fixtures.catalog(ITEMS);
        return new FusionInput(catalog, Map.of(Modality.TEXT, FeatureMatrix.ofRows(4, text), Modality.IMAGE,
                FeatureMatrix.ofRows(4, image)), InteractionMatrix.of(catalog, xs), seed);
    }

    /** Items with at least one modality. */
    static boolean[] usable(FusionInput in) {
        boolean[] u = new boolean[in.catalog().size()];
        for (int i = 0; i < u.length; i++) {
            u[i] = !in.row(i).isEmpty();
        }
        return u;
    }

    /** The validation AUC of what {@code f} actually outputs for every catalog item, on {@code split}. */
    static double auc(FusionStrategy f, FusionInput in, InteractionSplit split) {
        int n = in.catalog().size();
        int dim = f.dimension();
        float[] unit = new float[n * dim];
        for (int i = 0; i < n; i++) {
            ModalityVectors v = in.row(i);
            float[] x = v.isEmpty() ? null : f.fuse(v);
            if (x != null) {
                System.arraycopy(x, 0, unit, i * dim, dim);
            }
        }
        InteractionSplit.normaliseRows(unit, n, dim);
        return split.auc(unit, dim);
    }

    /** {@code concat} of one modality, as a single-modality variant fuses it. */
    static ConcatFusion single(Modality m, FusionInput in) {
        ConcatFusion f = new ConcatFusion(new ConcatConfig(Map.of(), List.of(m.key())));
        f.fit(in, dev.braid.api.component.ProgressListener.NONE);
        return f;
    }

    /** The best validation AUC of any single modality's output on {@code split}. */
    static double bestSingle(FusionInput in, InteractionSplit split) {
        double best = Double.NEGATIVE_INFINITY;
        for (Modality m : in.modalities().keySet()) {
            best = Math.max(best, auc(single(m, in), in, split));
        }
        return best;
    }
}
