package dev.braid.plugin.fusion;

/** A small 64-bit hash for fingerprints of training inputs (not cryptographic; collisions only cost a retrain). */
final class Hash64 {
    private Hash64() {
    }

    static long start() {
        return 0x9E3779B97F4A7C15L;
    }

    static long mix(long h, long value) {
        long x = h ^ (value + 0x9E3779B97F4A7C15L + (h << 6) + (h >>> 2));
        x = (x ^ (x >>> 30)) * 0xBF58476D1CE4E5B9L;
        x = (x ^ (x >>> 27)) * 0x94D049BB133111EBL;
        return x ^ (x >>> 31);
    }

    static long mix(long h, double value) {
        return mix(h, Double.doubleToLongBits(value));
    }

    static long mix(long h, String value) {
        long x = mix(h, value.length());
        for (int i = 0; i < value.length(); i++) {
            x = mix(x, value.charAt(i));
        }
        return x;
    }
}
