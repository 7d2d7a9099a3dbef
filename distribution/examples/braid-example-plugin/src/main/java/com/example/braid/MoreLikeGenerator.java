package com.example.braid;

import dev.braid.api.component.BraidComponent;
import dev.braid.api.component.ProgressListener;
import dev.braid.api.data.FeatureMatrix;
import dev.braid.api.generator.Generator;
import dev.braid.api.generator.Query;
import dev.braid.api.generator.TrainingData;
import java.util.List;

/** Adds {@code weight × cosine(item, seed)} on the fused features: a chainable "more like this" stage. */
@BraidComponent(name = "more-like", config = MoreLikeConfig.class,
        description = "boosts items whose fused features resemble a seed item's")
public final class MoreLikeGenerator implements Generator {
    private final MoreLikeConfig config;
    private float[] similarity;

    public MoreLikeGenerator(MoreLikeConfig config) {
        this.config = config;
    }

    @Override
    public void fit(TrainingData data, ProgressListener progress) {
        FeatureMatrix features = data.features().requireFused("more-like");
        int seed = data.catalog().indexOf(config.seed());
        if (seed < 0 || !features.isPresent(seed)) {
            throw new IllegalArgumentException("seed: item '" + config.seed() + "' is not in the catalog "
                    + "or has no features");
        }
        float[] s = features.row(seed);
        similarity = new float[features.rows()];
        for (int i = 0; i < similarity.length; i++) {
            similarity[i] = features.isPresent(i) ? cosine(s, features.row(i)) : 0f;
        }
    }

    @Override
    public void score(Query query, float[] scores) {
        for (int i = 0; i < scores.length; i++) {
            scores[i] += (float) (config.weight() * similarity[i]);
        }
    }

    @Override
    public List<String> explain(Query query, int item) {
        return similarity[item] > 0.5f ? List.of("like " + config.seed()) : List.of();
    }

    private static float cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0f : (float) (dot / Math.sqrt(na * nb));
    }
}
