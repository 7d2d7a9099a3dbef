package dev.braid.plugin.misbehaving;

import dev.braid.api.component.Param;

/**
 * Configuration of {@link HangingGenerator}.
 *
 * @param in    where it hangs
 * @param after score calls that return before every later one hangs (1 lets the build's trial query pass, so the
 *              generation goes live and serving requests hang)
 */
public record HangConfig(
        @Param(description = "where to hang: constructor, fit or score", defaultValue = "score") String in,
        @Param(description = "score calls that return normally before the hanging starts", defaultValue = "0",
                min = 0) int after) {
}
