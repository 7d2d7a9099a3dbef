package dev.braid.plugin.rules;

import dev.braid.api.component.Param;

/**
 * Adds {@code weight} to the score of every item whose {@code attribute} has {@code value}.
 *
 * @param attribute the item attribute (e.g. {@code genre})
 * @param value     the value to match exactly (e.g. {@code Comedy})
 * @param weight    what to add to the score (negative demotes); 1 when omitted
 */
public record Boost(
        @Param(description = "item attribute to match") String attribute,
        @Param(description = "attribute value to match (exact)") String value,
        @Param(description = "added to the score of matching items; negative demotes", defaultValue = "1")
        Double weight) {

    public Boost {
        weight = weight == null ? 1.0 : weight;
    }

    /** The rule name explanations show: {@code boost.<attribute>=<value>}. */
    public String ruleName() {
        return "boost." + attribute + "=" + value;
    }
}
