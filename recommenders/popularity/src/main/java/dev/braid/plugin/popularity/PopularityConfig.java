package dev.braid.plugin.popularity;

import dev.braid.api.component.Param;

/**
 * Configuration of the {@code popularity} generator.
 *
 * @param halfLifeDays half-life of the time decay in days; 0 turns decay off (every user counts 1)
 */
public record PopularityConfig(
        @Param(description = "half-life in days of an interaction's weight, counted back from the latest training "
                + "timestamp; 0 = no decay", defaultValue = "0", min = 0) double halfLifeDays) {

    /** No time decay. */
    public static PopularityConfig defaults() {
        return new PopularityConfig(0);
    }
}
