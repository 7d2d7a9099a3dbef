package dev.braid.plugin.rules;

import dev.braid.api.component.Param;
import java.util.List;

/**
 * Filters items that are not available: a flag attribute with an "unavailable" value, or a date window that does
 * not contain the reference date. Dates are ISO dates ({@code 2024-05-01}), ISO instants or years ({@code 1995}).
 *
 * @param attribute   flag attribute (e.g. {@code available}); empty = no flag test
 * @param unavailable values of the flag that mean "not available"
 * @param from        attribute with the first available date; items whose date is after the reference are dropped
 * @param until       attribute with the last available date; items whose date is before the reference are dropped
 * @param now         the reference date; the request parameter {@code now} overrides it; today when both are absent
 */
public record Availability(
        @Param(description = "flag attribute, e.g. available", defaultValue = "") String attribute,
        @Param(description = "flag values meaning 'not available'", defaultValue = "[false, no, '0']")
        List<String> unavailable,
        @Param(description = "attribute holding the first available date", defaultValue = "") String from,
        @Param(description = "attribute holding the last available date", defaultValue = "") String until,
        @Param(description = "reference date (ISO date or year); request parameter 'now' overrides; default today",
                defaultValue = "") String now) {

    public Availability {
        unavailable = unavailable == null ? List.of("false", "no", "0") : List.copyOf(unavailable);
    }

    boolean hasFlag() {
        return attribute != null && !attribute.isBlank();
    }

    boolean hasWindow() {
        return (from != null && !from.isBlank()) || (until != null && !until.isBlank());
    }
}
