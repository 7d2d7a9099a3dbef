package dev.braid.evaluation;

import dev.braid.api.data.Catalog;
import dev.braid.api.io.Fingerprint;

/**
 * Seeded random tie-breaking. Items with equal scores are ordered by a 64-bit hash of (seed, user id, item id), so
 * the order among ties is a pseudo-random permutation per user that depends on neither the catalog order nor the
 * thread that scores the user. Catalog order is not random in real data (MovieLens ids follow time and
 * popularity): breaking ties by index would let a scorer without information look good.
 */
final class TieBreak {
    private final long seed;
    private final long[] itemKeys;

    TieBreak(long seed, Catalog catalog) {
        this.seed = seed;
        this.itemKeys = new long[catalog.size()];
        for (int i = 0; i < itemKeys.length; i++) {
            itemKeys[i] = Fingerprint.mix(Fingerprint.start(), catalog.item(i).id());
        }
    }

    /** The per-user part of the keys. */
    long userKey(String userId) {
        return Fingerprint.mix(Fingerprint.mix(Fingerprint.start(), seed), userId);
    }

    /** The tie key of catalog item {@code item} for the user whose {@link #userKey} this is; lower wins. */
    long key(long userKey, int item) {
        return Fingerprint.mix(userKey, itemKeys[item]);
    }

    /** The policy as the protocol states it. */
    static String describe(long seed) {
        return "random (seed " + seed + ")";
    }
}
