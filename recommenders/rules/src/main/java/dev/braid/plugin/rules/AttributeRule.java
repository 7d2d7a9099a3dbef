package dev.braid.plugin.rules;

import dev.braid.api.data.Item;
import java.util.Set;

/**
 * A named match on one item attribute: an item matches when it has at least one of {@code values}.
 *
 * @param name      the rule name explanations show ({@code include.genre})
 * @param attribute the item attribute
 * @param values    the values to look for, exact
 */
record AttributeRule(String name, String attribute, Set<String> values) {

    boolean matches(Item item) {
        for (String v : item.values(attribute)) {
            if (values.contains(v)) {
                return true;
            }
        }
        return false;
    }
}
