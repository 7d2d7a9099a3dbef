package dev.braid.plugin.content;

import dev.braid.api.component.BraidComponent;
import dev.braid.api.component.ProgressListener;
import dev.braid.api.compute.ComputeBackend;
import dev.braid.api.compute.UnitVectors;
import dev.braid.api.data.Catalog;
import dev.braid.api.data.InteractionMatrix;
import dev.braid.api.generator.CandidateScorer;
import dev.braid.api.generator.FitState;
import dev.braid.api.generator.Query;
import dev.braid.api.generator.Scores;
import dev.braid.api.generator.TrainingData;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Content-based scoring against a user profile in the fused feature space.
 *
 * <p>The profile of a user is the mean of the unit-length fused vectors of the items in their training history
 * (weighted by interaction value when {@code weightByRating}); history items without a vector are skipped. An
 * item's score is {@code cos(profile, item)}, computed with the backend's {@code matvec} over the pre-normalised
 * item matrix, so items nobody interacted with are scored like any other. A query vector (query by example) is
 * scored the same way; with both a known user and a vector the two cosines are blended by {@code vectorWeight}.
 *
 * <p>Model-based: it overwrites the incoming scores, except {@link Float#NEGATIVE_INFINITY} entries of earlier
 * stages. Items without a fused vector get negative infinity. A query with neither a known user (with at least
 * one history item that has a vector) nor a vector sets every score to 0 and leaves the decision to later stages.
 */
@BraidComponent(name = "content-profile", config = ContentProfileConfig.class,
        description = "cosine between each item's fused vector and the user's profile (mean of their items) "
                + "or a query vector")
public final class ContentProfileGenerator implements CandidateScorer {
    private static final Logger LOG = LoggerFactory.getLogger(ContentProfileGenerator.class);
    static final String NAME = "content-profile";

    private final ContentProfileConfig config;
    private final ComputeBackend backend;
    private final FitState<Fitted> fitted = new FitState<>(NAME);

    public ContentProfileGenerator(ContentProfileConfig config, ComputeBackend backend) {
        if (!(config.vectorWeight() >= 0 && config.vectorWeight() <= 1)) {
            throw new IllegalArgumentException("vectorWeight: must be in [0, 1], got " + config.vectorWeight());
        }
        this.config = config;
        this.backend = Objects.requireNonNull(backend, "backend");
    }

    @Override
    public void fit(TrainingData data, ProgressListener progress) {
        progress.start(NAME + ": normalising item vectors", 1);
        ItemVectors items = ItemVectors.of(data, NAME, backend);
        progress.advance(1);
        progress.finish();
        fitted.set(new Fitted(data.catalog(), data.interactions(), items));
        LOG.info("{}: {} of {} items have a fused vector (dimension {})", NAME, items.present.cardinality(),
                items.rows, items.dim);
    }

    @Override
    public void score(Query query, float[] scores) {
        Fitted f = fitted.get();
        Scores.requireSlots(NAME, scores, f.items().rows);
        score(f, query, null, scores);
    }

    @Override
    public void score(Query query, int[] candidates, float[] scores) {
        Fitted f = fitted.get();
        Scores.requireCandidates(NAME, candidates, scores, f.items().rows);
        score(f, query, candidates, scores);
    }

    /** Scores every item ({@code candidates} null) or the candidates ({@code scores[k]} for {@code candidates[k]}). */
    private void score(Fitted f, Query query, int[] candidates, float[] scores) {
        ItemVectors items = f.items();
        float[] profile = profile(f, query.user());
        float[] vector = queryVector(items, query);
        if (profile == null && vector == null) {
            Scores.fill(0f, scores);
            return;
        }
        float[] cos = new float[scores.length];
        if (profile != null && vector != null) {
            float[] byVector = new float[scores.length];
            items.dots(profile, candidates, cos, backend);
            items.dots(vector, candidates, byVector, backend);
            float w = (float) config.vectorWeight();
            for (int i = 0; i < cos.length; i++) {
                cos[i] = (1 - w) * cos[i] + w * byVector[i];
            }
        } else {
            items.dots(profile != null ? profile : vector, candidates, cos, backend);
        }
        for (int k = 0; k < scores.length; k++) {
            if (!items.has(candidates == null ? k : candidates[k])) {
                cos[k] = Float.NEGATIVE_INFINITY;
            }
        }
        Scores.overwrite(cos, scores);
    }

    /** Names the history item most similar to {@code item}, or says that the item has no vector. */
    @Override
    public List<String> explain(Query query, int item) {
        Fitted f = fitted.get();
        if (!f.items().has(item)) {
            return List.of(NAME + ": no fused vector");
        }
        int u = query.user() == null ? -1 : f.interactions().userIndex(query.user());
        int best = -1;
        float bestCos = Float.NEGATIVE_INFINITY;
        for (int j = 0; u >= 0 && j < f.interactions().degree(u); j++) {
            int h = f.interactions().item(u, j);
            if (f.items().has(h)) {
                float c = f.items().cosine(h, item, backend);
                if (c > bestCos) {
                    bestCos = c;
                    best = h;
                }
            }
        }
        return best < 0 ? List.of(NAME) : List.of(String.format(Locale.ROOT, "%s: like %s (cosine %.3f)", NAME,
                f.catalog().item(best).id(), bestCos));
    }

    /** The unit-length profile of a user, or null for unknown users and histories without vectors. */
    private float[] profile(Fitted f, String user) {
        InteractionMatrix m = f.interactions();
        int u = user == null ? -1 : m.userIndex(user);
        if (u < 0) {
            return null;
        }
        double[] acc = new double[f.items().dim];
        double total = 0;
        for (int j = 0; j < m.degree(u); j++) {
            int item = m.item(u, j);
            double w = config.weightByRating() ? m.value(u, j) : 1.0;
            if (w > 0 && f.items().has(item)) {
                f.items().addRow(item, w, acc);
                total += w;
            }
        }
        // Dividing by the total weight (the mean) does not change the direction; cosine only needs the unit vector.
        return total > 0 ? UnitVectors.unitOrNull(acc) : null;
    }

    private static float[] queryVector(ItemVectors items, Query query) {
        float[] v = query.vector();
        if (v == null) {
            return null;
        }
        if (v.length != items.dim) {
            throw new IllegalArgumentException(NAME + ": the query vector has dimension " + v.length
                    + ", but the fused item vectors have " + items.dim);
        }
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        float[] unit = UnitVectors.unitOrNull(d);
        if (unit == null) {
            throw new IllegalArgumentException(NAME + ": the query vector is all zeros or not finite");
        }
        return unit;
    }

    /** What fit prepared. */
    private record Fitted(Catalog catalog, InteractionMatrix interactions, ItemVectors items) {
    }
}
