package dev.braid.plugin.factorization;

import dev.braid.api.data.Catalog;
import dev.braid.api.data.InteractionMatrix;
import dev.braid.api.generator.Query;
import dev.braid.api.io.Fingerprint;

/**
 * A fitted factorisation model with the user index of its training data: scores a query into a score array the
 * way every model-based generator does (overwrites, but keeps {@link Float#NEGATIVE_INFINITY} of earlier stages).
 * Read-only after construction, so it is shared by scoring threads.
 */
record FactorScoring(String who, Catalog catalog, InteractionMatrix interactions, FactorModel model) {

    void score(Query query, float[] scores) {
        if (scores.length != catalog.size()) {
            throw new IllegalArgumentException(who + ": got " + scores.length + " score slots for a catalog of "
                    + catalog.size() + " items");
        }
        float[] own = new float[scores.length];
        int u = query.user() == null ? -1 : interactions.userIndex(query.user());
        if (u < 0) {
            model.scoreUnknownUser(own);
        } else {
            model.scoreUser(u, own);
        }
        for (int i = 0; i < scores.length; i++) {
            if (scores[i] != Float.NEGATIVE_INFINITY) {
                scores[i] = own[i];
            }
        }
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
