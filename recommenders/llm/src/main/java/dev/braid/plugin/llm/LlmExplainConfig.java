package dev.braid.plugin.llm;

import dev.braid.api.component.Param;
import dev.braid.api.component.ParamGroup;

/**
 * Configuration of {@code llm-explain}.
 *
 * @param chat      the endpoint, the history shown and the request's time budget, as for every chat stage
 *                  ({@link ChatParams})
 * @param textChars each item's text is cut to this many characters in the prompt
 * @param maxChars  an explanation longer than this is cut (at a word boundary)
 */
public record LlmExplainConfig(
        @ParamGroup ChatParams chat,
        @Param(description = "characters of each item's text in the prompt", defaultValue = "200", min = 0)
        int textChars,
        @Param(description = "longest explanation kept, in characters", defaultValue = "240", min = 20)
        int maxChars) implements ChatStage.Settings {
}
