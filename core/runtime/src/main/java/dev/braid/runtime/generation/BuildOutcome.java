package dev.braid.runtime.generation;

import java.time.Instant;

/**
 * The result of one attempt to build a generation.
 *
 * @param attempt    a counter of build attempts
 * @param generation the generation number built, or -1 when the build failed
 * @param reason     what triggered the build
 * @param error      why it failed ({@code null} on success)
 * @param at         when it finished
 */
public record BuildOutcome(int attempt, int generation, String reason, String error, Instant at) {

    public boolean succeeded() {
        return error == null;
    }
}
