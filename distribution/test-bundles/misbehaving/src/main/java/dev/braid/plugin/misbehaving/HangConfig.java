package dev.braid.plugin.misbehaving;

import dev.braid.api.component.Param;

/**
 * Configuration of {@link HangingGenerator}.
 *
 * @param in where it hangs
 */
public record HangConfig(
        @Param(description = "where to hang: constructor, fit or score", defaultValue = "score") String in) {
}
