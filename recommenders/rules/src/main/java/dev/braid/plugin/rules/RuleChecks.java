package dev.braid.plugin.rules;

import java.util.List;

/** Checks a {@link RulesConfig} before fit; every message names the parameter at fault. */
final class RuleChecks {
    private RuleChecks() {
    }

    /** @throws IllegalArgumentException naming the parameter when a rule is incomplete */
    static void check(RulesConfig c) {
        for (int i = 0; i < c.boosts().size(); i++) {
            Boost b = c.boosts().get(i);
            String p = "boosts[" + i + "]";
            if (b == null) {
                throw new IllegalArgumentException(p + ": expected {attribute, value, weight}");
            }
            if (b.items().isEmpty() && blank(b.attribute())) {
                throw new IllegalArgumentException(p + ".attribute: must name an item attribute (or give items)");
            }
            if (!blank(b.attribute()) && b.value() == null) {
                throw new IllegalArgumentException(p + ".value: missing (the attribute value to match)");
            }
            if (!Double.isFinite(b.weight())) {
                throw new IllegalArgumentException(p + ".weight: must be a finite number, got " + b.weight());
            }
            noNulls(b.items(), p + ".items");
            condition(b.when(), p + ".when");
        }
        for (int i = 0; i < c.filters().size(); i++) {
            Filter f = c.filters().get(i);
            String p = "filters[" + i + "]";
            if (f == null) {
                throw new IllegalArgumentException(p + ": expected {attribute, values | items, when}");
            }
            if (f.items().isEmpty() && (blank(f.attribute()) || f.values().isEmpty())) {
                throw new IllegalArgumentException(p + ": give an attribute with values, or items");
            }
            noNulls(f.values(), p + ".values");
            noNulls(f.items(), p + ".items");
            condition(f.when(), p + ".when");
        }
        Availability a = c.availability();
        if (a != null) {
            if (!a.hasFlag() && !a.hasWindow()) {
                throw new IllegalArgumentException("availability: give a flag attribute, from or until");
            }
            if (a.now() != null && !a.now().isBlank()) {
                Dates.require(a.now(), "availability.now");
            }
            noNulls(a.unavailable(), "availability.unavailable");
        }
        for (int i = 0; i < c.recency().size(); i++) {
            RecencyBoost r = c.recency().get(i);
            String p = "recency[" + i + "]";
            if (r == null) {
                throw new IllegalArgumentException(p + ": expected {source, attribute, halfLifeDays, weight}");
            }
            if (!r.source().equals("attribute") && !r.source().equals("interactions")) {
                throw new IllegalArgumentException(p + ".source: 'attribute' or 'interactions', got '"
                        + r.source() + "'");
            }
            if (!r.fromInteractions() && blank(r.attribute())) {
                throw new IllegalArgumentException(p + ".attribute: name the date attribute (e.g. year)");
            }
            if (!(r.halfLifeDays() > 0) || Double.isInfinite(r.halfLifeDays())) {
                throw new IllegalArgumentException(p + ".halfLifeDays: must be a positive number, got "
                        + r.halfLifeDays());
            }
            if (!Double.isFinite(r.weight())) {
                throw new IllegalArgumentException(p + ".weight: must be a finite number, got " + r.weight());
            }
        }
        if (!Double.isFinite(c.popularity().weight())) {
            throw new IllegalArgumentException("popularity.weight: must be a finite number, got "
                    + c.popularity().weight());
        }
        for (int i = 0; i < c.pins().size(); i++) {
            Pin p = c.pins().get(i);
            String at = "pins[" + i + "]";
            if (p == null || blank(p.item())) {
                throw new IllegalArgumentException(at + ".item: name the item to pin");
            }
            if (p.position() < 1) {
                throw new IllegalArgumentException(at + ".position: must be >= 1, got " + p.position());
            }
            condition(p.when(), at + ".when");
        }
        for (int i = 0; i < c.diversity().size(); i++) {
            Diversity d = c.diversity().get(i);
            String p = "diversity[" + i + "]";
            if (d == null || blank(d.attribute())) {
                throw new IllegalArgumentException(p + ".attribute: name the attribute to diversify (e.g. genre)");
            }
            if (d.max() < 1) {
                throw new IllegalArgumentException(p + ".max: must be >= 1, got " + d.max());
            }
            if (d.top() < 0) {
                throw new IllegalArgumentException(p + ".top: must be >= 0 (0 = the requested k), got " + d.top());
            }
        }
    }

    private static void condition(Condition c, String path) {
        if (c == null) {
            return;
        }
        noNulls(c.history(), path + ".history");
        c.historyAttribute().forEach((a, v) -> {
            if (v == null || v.isEmpty()) {
                throw new IllegalArgumentException(path + ".historyAttribute." + a + ": list at least one value");
            }
            noNulls(v, path + ".historyAttribute." + a);
        });
        c.params().forEach((k, v) -> {
            if (v == null) {
                throw new IllegalArgumentException(path + ".params." + k + ": give a value");
            }
        });
    }

    private static void noNulls(List<String> values, String path) {
        if (values.stream().anyMatch(v -> v == null)) {
            throw new IllegalArgumentException(path + ": values must not be null");
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
