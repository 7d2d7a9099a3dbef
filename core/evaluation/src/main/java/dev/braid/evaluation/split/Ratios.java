package dev.braid.evaluation.split;

/** Checks of split parameters, with messages that name the parameter. */
final class Ratios {
    private Ratios() {
    }

    static void requireOpenUnit(String name, double value) {
        if (!(value > 0 && value < 1)) {
            throw new IllegalArgumentException(name + " must be strictly between 0 and 1, got " + value);
        }
    }

    /** A per-user (or per-item) seed that does not depend on the order the users come in. */
    static long mix(long seed, String key) {
        long h = seed ^ (key.hashCode() * 0x9E3779B97F4A7C15L);
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        return h;
    }
}
