package dev.braid.plugin.llm;

/**
 * What the model answered.
 *
 * @param content the message content of the first choice
 * @param tokens  the tokens the server counted (prompt and completion), 0 when it did not say
 * @param cached  whether the answer came from the disk cache (no request was sent)
 */
public record ChatAnswer(String content, long tokens, boolean cached) {
}
