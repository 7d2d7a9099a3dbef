package dev.braid.api.io;

/**
 * A small 64-bit hash for fingerprints of what a model was trained on (data, parameters, seed), so that a saved
 * model is reused only for the same inputs. Not cryptographic: a collision only costs a retrain. Fold values in
 * order, starting from {@link #start()}: {@code h = Fingerprint.mix(Fingerprint.mix(Fingerprint.start(), seed), name)}.
 */
public final class Fingerprint {

    private Fingerprint() {
    }

    /** The value to start folding from. */
    public static long start() {
        return 0x9E3779B97F4A7C15L;
    }

    /** Folds a value into the hash (a SplitMix64 finaliser over a boost-style combination). */
    public static long mix(long h, long value) {
        long x = h ^ (value + 0x9E3779B97F4A7C15L + (h << 6) + (h >>> 2));
        x = (x ^ (x >>> 30)) * 0xBF58476D1CE4E5B9L;
        x = (x ^ (x >>> 27)) * 0x94D049BB133111EBL;
        return x ^ (x >>> 31);
    }

    /** Folds a value into the hash by its bits. */
    public static long mix(long h, double value) {
        return mix(h, Double.doubleToLongBits(value));
    }

    /** Folds a string into the hash: its length, then its characters. */
    public static long mix(long h, String value) {
        long x = mix(h, value.length());
        for (int i = 0; i < value.length(); i++) {
            x = mix(x, value.charAt(i));
        }
        return x;
    }
}
