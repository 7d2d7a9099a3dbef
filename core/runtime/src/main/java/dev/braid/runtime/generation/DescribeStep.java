package dev.braid.runtime.generation;

import dev.braid.api.describe.DescriptionMode;

/**
 * A resolved describe step: the describer, and how its descriptions join the items' text.
 *
 * @param component    the describer, found in the registry, its parameters validated
 * @param mode         replace, append or missing
 * @param minTextChars in {@code missing} mode, text shorter than this counts as missing
 */
public record DescribeStep(ResolvedComponent component, DescriptionMode mode, int minTextChars) {

    /** What identifies the text this step produces from a catalog: the describer's identity and the rule. */
    public String canonical() {
        return component.identity().canonical() + "|mode:" + mode.key() + "|minTextChars:" + minTextChars;
    }
}
