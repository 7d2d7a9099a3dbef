package dev.braid.plugin.llm;

import java.util.Objects;

/**
 * One message of a chat-completions request.
 *
 * @param role     {@code system} or {@code user}
 * @param text     the text
 * @param imageUrl an image for vision models ({@code data:image/jpeg;base64,...}), or {@code null}
 */
public record ChatMessage(String role, String text, String imageUrl) {

    public ChatMessage {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(text, "text");
    }

    public static ChatMessage system(String text) {
        return new ChatMessage("system", text, null);
    }

    public static ChatMessage user(String text) {
        return new ChatMessage("user", text, null);
    }
}
