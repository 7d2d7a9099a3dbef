package dev.braid.runtime.util;

import java.util.List;

/**
 * Checks what a plugin returned for a batch of items (encoders, describers): one result per item, in the items'
 * order. A breach is the plugin's bug, reported as an {@link IllegalStateException} that the build names it in.
 */
public final class BatchResults {
    private BatchResults() {
    }

    public static void requireOnePerItem(List<?> results, int items) {
        if (results == null || results.size() != items) {
            throw new IllegalStateException("returned " + (results == null ? "null" : results.size() + " results")
                    + " for a batch of " + items + " items");
        }
    }

    public static void requireItem(String expected, String actual) {
        if (!expected.equals(actual)) {
            throw new IllegalStateException("returned results out of order: expected item '" + expected
                    + "', got '" + actual + "'");
        }
    }
}
