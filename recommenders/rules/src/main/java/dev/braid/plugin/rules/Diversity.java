package dev.braid.plugin.rules;

import dev.braid.api.component.Param;

/**
 * At most {@code max} items per value of {@code attribute} among the first {@code top} of the list (list-level).
 * A multi-valued item counts for each of its values and is admitted only if none of them is full. Items pushed
 * out of the window keep their order after it; when too few candidates fit, the window is filled with them.
 *
 * @param attribute the attribute (e.g. {@code genre})
 * @param max       most items per value in the window
 * @param top       the window; the requested list length {@code k} when 0 or omitted
 */
public record Diversity(
        @Param(description = "attribute whose values are capped, e.g. genre") String attribute,
        @Param(description = "most items per value in the window", defaultValue = "1") Integer max,
        @Param(description = "window length; 0 = the requested k", defaultValue = "0") Integer top) {

    public Diversity {
        max = max == null ? 1 : max;
        top = top == null ? 0 : top;
    }

    /** {@code diversity.<attribute><=<max>}. */
    public String ruleName() {
        return "diversity." + attribute + "<=" + max;
    }
}
