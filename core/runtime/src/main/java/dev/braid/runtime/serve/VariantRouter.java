package dev.braid.runtime.serve;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Assigns requests to A/B variants by traffic share. A user always lands in the same variant (the position of a
 * 64-bit hash of the user id in [0, 1) picks the share it falls in); requests without a user are spread at random
 * by the same shares.
 */
public final class VariantRouter {
    private final List<String> names;
    private final double[] upper;

    /** @param shares variant name to share, in order; shares sum to 1 */
    public VariantRouter(Map<String, Double> shares) {
        if (shares.isEmpty()) {
            throw new IllegalArgumentException("no variants to route to");
        }
        names = new ArrayList<>(shares.keySet());
        upper = new double[names.size()];
        double acc = 0;
        int i = 0;
        for (double s : shares.values()) {
            acc += s;
            upper[i++] = acc;
        }
        upper[upper.length - 1] = Double.MAX_VALUE;
    }

    public List<String> variants() {
        return List.copyOf(names);
    }

    /** The variant of a user (sticky), or a weighted random one when {@code user} is null. */
    public String assign(String user) {
        double u = user == null ? ThreadLocalRandom.current().nextDouble() : unit(user);
        for (int i = 0; i < upper.length; i++) {
            if (u < upper[i]) {
                return names.get(i);
            }
        }
        return names.get(names.size() - 1);
    }

    /** A uniform position in [0, 1) for a user id: FNV-1a 64 followed by the SplitMix64 finaliser. */
    static double unit(String user) {
        long h = 0xcbf29ce484222325L;
        for (byte b : user.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 30;
        h *= 0xbf58476d1ce4e5b9L;
        h ^= h >>> 27;
        h *= 0x94d049bb133111ebL;
        h ^= h >>> 31;
        return (h >>> 11) * 0x1.0p-53;
    }
}
