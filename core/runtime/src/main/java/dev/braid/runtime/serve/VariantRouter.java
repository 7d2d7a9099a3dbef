package dev.braid.runtime.serve;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
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
    private final Map<String, Double> shares;

    /** @param shares variant name to share, in order; shares sum to 1 */
    public VariantRouter(Map<String, Double> shares) {
        if (shares.isEmpty()) {
            throw new IllegalArgumentException("no variants to route to");
        }
        this.shares = Map.copyOf(shares);
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

    /**
     * The variant of a user among some variants only (those that can answer a request), by their shares
     * renormalised: sticky per user like {@link #assign(String)}; a weighted random one when {@code user} is null.
     * A variant whose share is 0 is picked only when all the eligible ones have share 0.
     *
     * @param eligible served variants, at least one
     */
    public String assign(String user, Collection<String> eligible) {
        List<String> among = names.stream().filter(eligible::contains).toList();
        if (among.isEmpty()) {
            throw new IllegalArgumentException("none of " + eligible + " is served; served: " + names);
        }
        double total = among.stream().mapToDouble(shares::get).sum();
        Map<String, Double> renormalised = new LinkedHashMap<>();
        for (String v : among) {
            renormalised.put(v, total > 0 ? shares.get(v) / total : 1.0 / among.size());
        }
        return among.size() == names.size() ? assign(user) : new VariantRouter(renormalised).assign(user);
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
