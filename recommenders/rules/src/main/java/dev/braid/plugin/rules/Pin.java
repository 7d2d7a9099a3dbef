package dev.braid.plugin.rules;

import dev.braid.api.component.Param;

/**
 * Puts an item at a fixed position of the list (list-level), for everyone or when a condition holds. A pinned item
 * that a filter of the chain dropped (seen, unavailable, excluded) is not pinned.
 *
 * @param item     the item id
 * @param position 1-based position in the list
 * @param when     apply only when this holds (always when omitted)
 * @param name     the rule name explanations show; {@code pin.<item>@<position>} when omitted
 */
public record Pin(
        @Param(description = "item id to pin") String item,
        @Param(description = "1-based position", defaultValue = "1") Integer position,
        @Param(description = "condition; the pin applies only when it holds", defaultValue = "{}") Condition when,
        @Param(description = "rule name for explanations", defaultValue = "") String name) {

    public Pin {
        position = position == null ? 1 : position;
    }

    /** The name explanations show. */
    public String ruleName() {
        if (name != null && !name.isBlank()) {
            return name;
        }
        String base = "pin." + item + "@" + position;
        return when == null || when.isEmpty() ? base : base + "[when " + when.describe() + "]";
    }
}
