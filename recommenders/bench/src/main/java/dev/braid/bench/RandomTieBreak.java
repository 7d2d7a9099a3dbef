package dev.braid.bench;

import dev.braid.api.component.ProgressListener;
import dev.braid.api.generator.Generator;
import dev.braid.api.generator.Query;
import dev.braid.api.generator.TrainingData;
import java.util.SplittableRandom;

/**
 * Breaks a generator's ties at random (seeded, the same order for every user): adds a jitter in {@code [0, eps)}
 * to each finite score. The evaluator breaks ties by catalog index, which for MovieLens follows the item ids, and
 * low ids are the popular classics: without this, a popularity baseline that scores every cold item 0 would rank
 * them by id and look informed.
 */
final class RandomTieBreak implements Generator {
    private final Generator inner;
    private final float eps;
    private final long seed;
    private float[] jitter;

    RandomTieBreak(Generator inner, float eps, long seed) {
        this.inner = inner;
        this.eps = eps;
        this.seed = seed;
    }

    @Override
    public void fit(TrainingData data, ProgressListener progress) {
        inner.fit(data, progress);
        SplittableRandom r = new SplittableRandom(seed);
        jitter = new float[data.catalog().size()];
        for (int i = 0; i < jitter.length; i++) {
            jitter[i] = (float) (r.nextDouble() * eps);
        }
    }

    @Override
    public void score(Query query, float[] scores) {
        inner.score(query, scores);
        for (int i = 0; i < scores.length; i++) {
            if (scores[i] != Float.NEGATIVE_INFINITY) {
                scores[i] += jitter[i];
            }
        }
    }
}
