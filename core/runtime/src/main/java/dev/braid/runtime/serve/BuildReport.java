package dev.braid.runtime.serve;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.braid.runtime.generation.BuildOutcome;

/**
 * A generation build as the health and admin endpoints show it.
 *
 * @param generation the generation built, -1 when the build failed
 * @param error      why it failed, absent when it succeeded
 * @param at         when it ended (ISO-8601)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record BuildReport(Integer attempt, Integer generation, String reason, boolean succeeded, String error, String at) {

    static BuildReport of(BuildOutcome o) {
        return new BuildReport(o.attempt(), o.generation(), o.reason(), o.succeeded(), o.error(), o.at().toString());
    }

    /** A build that had not ended when the caller stopped waiting. */
    static BuildReport unfinished(String error) {
        return new BuildReport(null, null, null, false, error, null);
    }
}
