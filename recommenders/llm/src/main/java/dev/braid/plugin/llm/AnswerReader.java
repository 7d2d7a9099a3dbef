package dev.braid.plugin.llm;

/** Turns a model's message content into what the caller needs, or refuses it. */
@FunctionalInterface
public interface AnswerReader<T> {

    /** @throws LlmException of kind {@link LlmException.Kind#INVALID_ANSWER} when the content is unusable */
    T read(String content) throws LlmException;
}
