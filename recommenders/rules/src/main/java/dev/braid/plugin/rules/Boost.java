package dev.braid.plugin.rules;

import dev.braid.api.component.Param;
import java.util.List;

/**
 * Adds {@code weight} to the score of every item whose {@code attribute} has {@code value}, or whose id is in
 * {@code items}; optionally only when a condition holds ("users who watched X get Y boosted").
 *
 * @param attribute the item attribute (e.g. {@code genre})
 * @param value     the value to match exactly (e.g. {@code Comedy})
 * @param weight    what to add to the score (negative demotes); 1 when omitted
 * @param items     item ids to boost (instead of, or besides, an attribute value)
 * @param when      apply only when this holds (always when omitted)
 * @param name      the rule name explanations show; generated when omitted
 */
public record Boost(
        @Param(description = "item attribute to match", defaultValue = "") String attribute,
        @Param(description = "attribute value to match (exact)", defaultValue = "") String value,
        @Param(description = "added to the score of matching items; negative demotes", defaultValue = "1")
        Double weight,
        @Param(description = "item ids to boost", defaultValue = "[]") List<String> items,
        @Param(description = "condition; the boost applies only when it holds", defaultValue = "{}") Condition when,
        @Param(description = "rule name for explanations", defaultValue = "") String name) {

    public Boost {
        weight = weight == null ? 1.0 : weight;
        items = items == null ? List.of() : List.copyOf(items);
    }

    /** An unconditional attribute boost. */
    public Boost(String attribute, String value, Double weight) {
        this(attribute, value, weight, List.of(), null, null);
    }

    /** The rule name explanations show: {@code boost.<attribute>=<value>} or {@code boost.items}. */
    public String ruleName() {
        if (name != null && !name.isBlank()) {
            return name;
        }
        String base = attribute != null && !attribute.isBlank() ? "boost." + attribute + "=" + value : "boost.items";
        return when == null || when.isEmpty() ? base : base + "[when " + when.describe() + "]";
    }
}
