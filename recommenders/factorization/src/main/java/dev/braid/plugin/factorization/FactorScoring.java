package dev.braid.plugin.factorization;

import dev.braid.api.data.Catalog;
import dev.braid.api.data.InteractionMatrix;
import dev.braid.api.generator.Query;
import dev.braid.api.generator.Scores;
import dev.braid.api.io.Fingerprint;
import java.util.List;

/**
 * A fitted factorisation model with the user index of its training data: scores a query into a score array the
 * way every model-based generator does (overwrites, but keeps {@link Float#NEGATIVE_INFINITY} of earlier stages).
 * Read-only after construction, so it is shared by scoring threads.
 */
record FactorScoring(String who, Catalog catalog, InteractionMatrix interactions, FactorModel model) {

    void score(Query query, float[] scores) {
        Scores.requireSlots(who, scores, catalog.size());
        float[] own = new float[scores.length];
        int u = userOf(query);
        if (u < 0) {
            model.scoreUnknownUser(own);
        } else {
            model.scoreUser(u, own);
        }
        Scores.overwrite(own, scores);
    }

    /** {@link #score(Query, float[])} at the candidates only: one model score per candidate. */
    void score(Query query, int[] candidates, float[] scores) {
        Scores.requireCandidates(who, candidates, scores, catalog.size());
        float[] own = new float[candidates.length];
        int u = userOf(query);
        for (int k = 0; k < candidates.length; k++) {
            own[k] = model.score(u, candidates[k]);
        }
        Scores.overwrite(own, scores);
    }

    /** The model's score of each item, as a reason. */
    List<List<String>> explain(Query query, int[] items) {
        float[] own = new float[items.length];
        score(query, items, own);
        return Scores.reasons(who, own);
    }

    /** The training index of the query's user, or -1 for no user or one unknown to the training data. */
    private int userOf(Query query) {
        return query.user() == null ? -1 : interactions.userIndex(query.user());
    }

    /** A fingerprint of the catalog ids and the interaction matrix (user ids and positives). */
    static long dataFingerprint(Catalog catalog, InteractionMatrix m, Positives positives) {
        long h = Fingerprint.start();
        for (int i = 0; i < catalog.size(); i++) {
            h = Fingerprint.mix(h, catalog.item(i).id());
        }
        for (int u = 0; u < m.numUsers(); u++) {
            h = Fingerprint.mix(h, m.userId(u));
        }
        return Fingerprint.mix(h, positives.fingerprint());
    }
}
