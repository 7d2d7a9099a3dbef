package dev.braid.plugin.rules;

import dev.braid.api.component.Param;
import java.util.List;

/**
 * Drops items by attribute value or by id, optionally only when a condition holds.
 *
 * @param name      the rule name explanations show; {@code filter.<attribute>} (or {@code filter.items}) when
 *                  omitted, with {@code [when ...]} for conditional filters
 * @param attribute item attribute; items having any of {@code values} are dropped
 * @param values    rejected values of the attribute
 * @param items     item ids to drop
 * @param when      apply only when this holds (always when omitted)
 */
public record Filter(
        @Param(description = "rule name for explanations", defaultValue = "") String name,
        @Param(description = "item attribute to test", defaultValue = "") String attribute,
        @Param(description = "items with any of these attribute values are dropped", defaultValue = "[]")
        List<String> values,
        @Param(description = "item ids to drop", defaultValue = "[]") List<String> items,
        @Param(description = "condition; the filter applies only when it holds", defaultValue = "{}")
        Condition when) {

    public Filter {
        values = values == null ? List.of() : List.copyOf(values);
        items = items == null ? List.of() : List.copyOf(items);
    }

    /** The name explanations show. */
    public String ruleName() {
        if (name != null && !name.isBlank()) {
            return name;
        }
        String base = attribute != null && !attribute.isBlank() ? "filter." + attribute : "filter.items";
        return when == null || when.isEmpty() ? base : base + "[when " + when.describe() + "]";
    }
}
