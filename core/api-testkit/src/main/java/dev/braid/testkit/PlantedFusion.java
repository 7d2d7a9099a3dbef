package dev.braid.testkit;

import dev.braid.api.data.Catalog;
import dev.braid.api.data.FeatureMatrix;
import dev.braid.api.data.Interaction;
import dev.braid.api.data.InteractionMatrix;
import dev.braid.api.data.Modality;
import dev.braid.api.fusion.FusionInput;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Synthetic fusion inputs with planted signal: {@link #ITEMS} items, each in one of four clusters
 * ({@code i % 4}), two modalities of dimension 4, and 120 users who each like items of one cluster (or of one
 * combination of attributes).
 */
public final class PlantedFusion {
    public static final int ITEMS = 240;
    public static final int CLUSTERS = 4;

    private PlantedFusion() {
    }

    /** The cluster of an item index. */
    public static int cluster(int item) {
        return item % CLUSTERS;
    }

    /**
     * Both text and image show the item's cluster, with noise (sd 0.5). Every fifth item has no image and every
     * seventh no text (items 0, 35, 70, ... have both), so strategies meet items with a modality missing; each user
     * likes one cluster (12 interactions).
     */
    public static FusionInput clustered(long seed) {
        Random rnd = new Random(seed);
        float[][] text = new float[ITEMS][];
        float[][] image = new float[ITEMS][];
        for (int i = 0; i < ITEMS; i++) {
            float[] t = new float[CLUSTERS];
            float[] m = new float[CLUSTERS];
            for (int k = 0; k < CLUSTERS; k++) {
                t[k] = (float) ((k == cluster(i) ? 1 : 0) + 0.5 * rnd.nextGaussian());
                m[k] = (float) ((k == cluster(i) ? 1 : 0) + 0.5 * rnd.nextGaussian());
            }
            boolean noText = i % 7 == 6;
            boolean noImage = i % 5 == 4;
            text[i] = noText ? null : t;
            image[i] = noImage ? null : m;
        }
        return input(text, image, clusterLovers(rnd), seed);
    }

    /**
     * Text shows the item's cluster (one of 4, plus noise); image is pure Gaussian noise. Each of 120 users likes
     * one cluster (12 interactions).
     */
    public static FusionInput noiseImage(long seed) {
        Random rnd = new Random(seed);
        float[][] text = new float[ITEMS][4];
        float[][] image = new float[ITEMS][4];
        for (int i = 0; i < ITEMS; i++) {
            for (int k = 0; k < 4; k++) {
                text[i][k] = (float) ((k == i % 4 ? 1 : 0) + 0.8 * rnd.nextGaussian());
                image[i][k] = (float) rnd.nextGaussian();
            }
        }
        return input(text, image, clusterLovers(rnd), seed);
    }

    /**
     * Text shows one attribute of the item ({@code i % 4}), image another ({@code (i / 4) % 4}), each with noise;
     * each user likes one combination of both, so neither modality alone tells a user's items apart.
     */
    public static FusionInput complementary(long seed) {
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

    private static List<Interaction> clusterLovers(Random rnd) {
        List<Interaction> xs = new ArrayList<>();
        for (int u = 0; u < 120; u++) {
            for (int k = 0; k < 12; k++) {
                xs.add(Interaction.implicit("u" + u, "i" + (u % 4 + 4 * rnd.nextInt(ITEMS / 4))));
            }
        }
        return xs;
    }

    private static FusionInput input(float[][] text, float[][] image, List<Interaction> xs, long seed) {
        Catalog catalog = Planted.catalog(ITEMS);
        return new FusionInput(catalog, Map.of(Modality.TEXT, FeatureMatrix.ofRows(4, text), Modality.IMAGE,
                FeatureMatrix.ofRows(4, image)), InteractionMatrix.of(catalog, xs), seed);
    }
}
