package dev.braid.plugin.rules;

import dev.braid.api.data.Catalog;
import dev.braid.api.generator.ScoredItem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The list-level rules: diversity windows and pins, applied to a ranked list. Stateless helpers. */
final class ListRules {
    private ListRules() {
    }

    /**
     * Greedy diversity: walks the list best first and admits an item to the window when none of its values of
     * the attribute has reached {@code max}; the others are deferred (and marked with the rule name) and follow
     * the window in their order. When too few items fit, deferred items fill the window in order.
     */
    static List<ScoredItem> diversify(List<ScoredItem> list, Diversity d, int window, Catalog catalog) {
        Map<String, Integer> counts = new HashMap<>();
        List<ScoredItem> taken = new ArrayList<>();
        List<ScoredItem> deferred = new ArrayList<>();
        int i = 0;
        for (; i < list.size() && taken.size() < window; i++) {
            ScoredItem s = list.get(i);
            List<String> values = values(catalog, s.itemId(), d.attribute());
            boolean fits = values.stream().allMatch(v -> counts.getOrDefault(v, 0) < d.max());
            if (fits) {
                values.forEach(v -> counts.merge(v, 1, Integer::sum));
                taken.add(s);
            } else {
                deferred.add(withReason(s, d.ruleName()));
            }
        }
        List<ScoredItem> out = new ArrayList<>(list.size());
        out.addAll(taken);
        out.addAll(deferred);
        out.addAll(list.subList(i, list.size()));
        return out;
    }

    /** An item to put at a 1-based position, with the rule name to mark it with. */
    record Placement(ScoredItem item, int position, String rule) {
    }

    /**
     * Puts each placed item at its 1-based position (taken from the list if it is there, else added) and fills the
     * other positions with the remaining items in order. Placements are honoured by ascending position; one that
     * asks for a taken position (or one past the end) gets the next free one. An item placed twice keeps its first
     * placement.
     */
    static List<ScoredItem> pin(List<ScoredItem> list, List<Placement> placements) {
        Map<String, ScoredItem> inList = new HashMap<>();
        list.forEach(s -> inList.put(s.itemId(), s));
        List<Placement> sorted = placements.stream()
                .sorted(java.util.Comparator.comparingInt(Placement::position)).toList();
        Map<Integer, ScoredItem> slots = new java.util.TreeMap<>();
        java.util.Set<String> pinned = new java.util.HashSet<>();
        int total = list.size();
        for (Placement p : sorted) {
            if (!pinned.add(p.item().itemId())) {
                continue;
            }
            if (!inList.containsKey(p.item().itemId())) {
                total++;
            }
        }
        pinned.clear();
        for (Placement p : sorted) {
            if (!pinned.add(p.item().itemId())) {
                continue;
            }
            int slot = Math.min(Math.max(p.position() - 1, 0), total - 1);
            while (slots.containsKey(slot)) {
                slot++;
            }
            ScoredItem base = inList.getOrDefault(p.item().itemId(), p.item());
            slots.put(slot, withReason(base, p.rule()));
        }
        List<ScoredItem> out = new ArrayList<>(total);
        java.util.Iterator<ScoredItem> rest = list.stream().filter(s -> !pinned.contains(s.itemId())).iterator();
        for (int i = 0; i < total; i++) {
            ScoredItem s = slots.get(i);
            if (s == null) {
                if (!rest.hasNext()) {
                    break;
                }
                s = rest.next();
            }
            out.add(s);
        }
        // Slots past the filled part (a pin further down than the list is long) come last, in order.
        slots.forEach((slot, s) -> {
            if (!out.contains(s)) {
                out.add(s);
            }
        });
        return out;
    }

    static ScoredItem withReason(ScoredItem s, String reason) {
        if (s.reasons().contains(reason)) {
            return s;
        }
        List<String> r = new ArrayList<>(s.reasons());
        r.add(reason);
        return new ScoredItem(s.itemId(), s.score(), r);
    }

    private static List<String> values(Catalog catalog, String id, String attribute) {
        int i = catalog.indexOf(id);
        return i < 0 ? List.of() : catalog.item(i).values(attribute);
    }
}
