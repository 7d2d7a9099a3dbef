package dev.braid.plugin.popularity;

import dev.braid.api.component.BraidComponent;
import dev.braid.api.component.ProgressListener;
import dev.braid.api.data.Interaction;
import dev.braid.api.data.InteractionMatrix;
import dev.braid.api.generator.CandidateScorer;
import dev.braid.api.generator.FitState;
import dev.braid.api.generator.Query;
import dev.braid.api.generator.Scores;
import dev.braid.api.generator.TrainingData;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores every item by how many training users interacted with it, the same for every query (the usual
 * baseline and cold-user fallback).
 *
 * <p>With {@code halfLifeDays > 0} and timestamps in the training data, an interaction counts
 * {@code 0.5^(age / halfLife)} instead of 1, its age measured back from the latest training timestamp;
 * interactions without a timestamp count 1. Model-based: it overwrites the incoming scores, except
 * {@link Float#NEGATIVE_INFINITY} entries left by earlier stages, which stay excluded.
 */
@BraidComponent(name = "popularity", config = PopularityConfig.class,
        description = "scores items by their number of training users, optionally with time decay")
public final class PopularityGenerator implements CandidateScorer {
    private static final Logger LOG = LoggerFactory.getLogger(PopularityGenerator.class);
    private static final double SECONDS_PER_DAY = 86_400.0;

    private final double halfLifeDays;
    private final FitState<float[]> popularity = new FitState<>("popularity");

    public PopularityGenerator(PopularityConfig config) {
        if (!(config.halfLifeDays() >= 0) || Double.isInfinite(config.halfLifeDays())) {
            throw new IllegalArgumentException("halfLifeDays: must be a finite number >= 0, got "
                    + config.halfLifeDays());
        }
        this.halfLifeDays = config.halfLifeDays();
    }

    @Override
    public void fit(TrainingData data, ProgressListener progress) {
        InteractionMatrix m = data.requireInteractions("popularity");
        long latest = latestTimestamp(m);
        boolean decay = halfLifeDays > 0 && latest != Interaction.NO_TIMESTAMP;
        if (halfLifeDays > 0 && !decay) {
            LOG.info("popularity: halfLifeDays={} but the training data has no timestamps; counting without decay",
                    halfLifeDays);
        }
        double halfLifeSeconds = halfLifeDays * SECONDS_PER_DAY;
        double[] counts = new double[m.numItems()];
        progress.start("popularity: counting", m.numUsers());
        for (int u = 0; u < m.numUsers(); u++) {
            for (int j = 0; j < m.degree(u); j++) {
                long t = m.timestamp(u, j);
                double w = decay && t != Interaction.NO_TIMESTAMP
                        ? Math.pow(0.5, Math.max(0, latest - t) / halfLifeSeconds) : 1.0;
                counts[m.item(u, j)] += w;
            }
            progress.advance(1);
        }
        progress.finish();
        float[] p = new float[counts.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) counts[i];
        }
        popularity.set(p);
    }

    @Override
    public void score(Query query, float[] scores) {
        float[] p = popularity.get();
        Scores.requireSlots("popularity", scores, p.length);
        Scores.overwrite(p, scores);
    }

    @Override
    public void score(Query query, int[] candidates, float[] scores) {
        float[] p = popularity.get();
        Scores.requireCandidates("popularity", candidates, scores, p.length);
        float[] own = new float[candidates.length];
        for (int k = 0; k < candidates.length; k++) {
            own[k] = p[candidates[k]];
        }
        Scores.overwrite(own, scores);
    }

    @Override
    public List<String> explain(Query query, int item) {
        float[] p = popularity.get();
        return List.of(halfLifeDays > 0 ? "popularity=" + p[item] : "popularity=" + Math.round(p[item]) + " users");
    }

    private static long latestTimestamp(InteractionMatrix m) {
        long latest = Interaction.NO_TIMESTAMP;
        for (int u = 0; u < m.numUsers(); u++) {
            for (int j = 0; j < m.degree(u); j++) {
                latest = Math.max(latest, m.timestamp(u, j));
            }
        }
        return latest;
    }
}
