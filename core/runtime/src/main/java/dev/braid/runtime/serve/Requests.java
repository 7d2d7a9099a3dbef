package dev.braid.runtime.serve;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Small helpers that read request parameters and refuse bad ones with a message. */
final class Requests {
    static final int MAX_K = 1000;
    static final int DEFAULT_K = 10;

    private Requests() {
    }

    /** The {@code k} parameter: 1..{@value #MAX_K}, {@value #DEFAULT_K} when absent. */
    static int k(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_K;
        }
        try {
            int k = Integer.parseInt(value.trim());
            if (k >= 1 && k <= MAX_K) {
                return k;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw ApiError.badRequest("k: expected an integer from 1 to " + MAX_K + ", got '" + value + "'");
    }

    /** Comma-separated values, possibly repeated ({@code exclude=a,b&exclude=c}). */
    static Set<String> split(List<String> values) {
        Set<String> out = new LinkedHashSet<>();
        if (values == null) {
            return out;
        }
        for (String v : values) {
            for (String s : v.split(",")) {
                if (!s.isBlank()) {
                    out.add(s.trim());
                }
            }
        }
        return out;
    }
}
