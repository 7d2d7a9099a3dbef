package dev.braid.plugin.rules;

import dev.braid.api.component.Param;

/**
 * Boosts recent items: adds {@code weight * 0.5^(age / halfLifeDays)}, where the age is the number of days between
 * the item's date and the newest date of the same source (so the newest item gets the full weight, and the result
 * does not depend on the wall clock).
 *
 * @param source       {@code attribute}: the item's date attribute (ISO date, instant or year);
 *                     {@code interactions}: the time of the item's latest training interaction
 * @param attribute    the date attribute, for {@code source: attribute} (e.g. {@code year})
 * @param halfLifeDays days after which the boost halves
 * @param weight       the boost of the newest item
 */
public record RecencyBoost(
        @Param(description = "attribute | interactions", defaultValue = "attribute") String source,
        @Param(description = "date attribute (ISO date, instant or year), for source: attribute", defaultValue = "")
        String attribute,
        @Param(description = "days after which the boost halves", defaultValue = "365") Double halfLifeDays,
        @Param(description = "boost of the newest item", defaultValue = "1") Double weight) {

    public RecencyBoost {
        source = source == null || source.isBlank() ? "attribute" : source;
        halfLifeDays = halfLifeDays == null ? 365.0 : halfLifeDays;
        weight = weight == null ? 1.0 : weight;
    }

    boolean fromInteractions() {
        return "interactions".equals(source);
    }

    /** {@code recency.<attribute>} or {@code recency.interactions}. */
    String ruleName() {
        return fromInteractions() ? "recency.interactions" : "recency." + attribute;
    }
}
