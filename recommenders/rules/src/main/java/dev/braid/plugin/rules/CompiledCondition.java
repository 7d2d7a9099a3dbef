package dev.braid.plugin.rules;

import dev.braid.api.data.Catalog;
import dev.braid.api.data.InteractionMatrix;
import dev.braid.api.generator.Query;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A {@link Condition} resolved against a catalog: history item ids as catalog indices (ids the catalog lacks never
 * match). Immutable; {@link #holds} is thread-safe.
 */
final class CompiledCondition {
    /** A condition that always holds. */
    static final CompiledCondition ALWAYS = new CompiledCondition(new int[0], Map.of(), Map.of(), true);

    private final int[] historyItems;
    private final Map<String, Set<String>> historyAttribute;
    private final Map<String, String> params;
    private final boolean always;

    private CompiledCondition(int[] historyItems, Map<String, Set<String>> historyAttribute,
                              Map<String, String> params, boolean always) {
        this.historyItems = historyItems;
        this.historyAttribute = historyAttribute;
        this.params = params;
        this.always = always;
    }

    static CompiledCondition of(Condition c, Catalog catalog) {
        if (c == null || c.isEmpty()) {
            return ALWAYS;
        }
        int[] items = c.history().stream().mapToInt(catalog::indexOf).filter(i -> i >= 0).toArray();
        boolean nothingResolved = !c.history().isEmpty() && items.length == 0;
        Map<String, Set<String>> attrs = new LinkedHashMap<>();
        c.historyAttribute().forEach((a, v) -> attrs.put(a, Set.copyOf(v)));
        // History ids of which none is in the catalog can never match: keep one impossible index.
        return new CompiledCondition(nothingResolved ? new int[] {-1} : items, Map.copyOf(attrs),
                Map.copyOf(c.params()), false);
    }

    boolean isAlways() {
        return always;
    }

    /** Whether the condition holds for the query's user (history in {@code seen}) and request parameters. */
    boolean holds(Query query, Catalog catalog, InteractionMatrix seen) {
        if (always) {
            return true;
        }
        for (Map.Entry<String, String> p : params.entrySet()) {
            if (!p.getValue().equals(query.params().get(p.getKey()))) {
                return false;
            }
        }
        if (historyItems.length == 0 && historyAttribute.isEmpty()) {
            return true;
        }
        int u = query.user() == null ? -1 : seen.userIndex(query.user());
        if (u < 0) {
            return false;
        }
        if (historyItems.length > 0) {
            boolean any = false;
            for (int i : historyItems) {
                if (i >= 0 && seen.contains(u, i)) {
                    any = true;
                    break;
                }
            }
            if (!any) {
                return false;
            }
        }
        for (Map.Entry<String, Set<String>> a : historyAttribute.entrySet()) {
            boolean any = false;
            for (int j = 0; j < seen.degree(u) && !any; j++) {
                for (String v : catalog.item(seen.item(u, j)).values(a.getKey())) {
                    if (a.getValue().contains(v)) {
                        any = true;
                        break;
                    }
                }
            }
            if (!any) {
                return false;
            }
        }
        return true;
    }
}
