package dev.braid.plugin.llm;

import java.net.URI;

/** Keeps credentials out of messages: a URL is shown without its user-info and query. */
final class Redaction {

    private Redaction() {
    }

    /** {@code scheme://host:port/path}, never {@code user:password@} or {@code ?key=...}. */
    static String url(String url) {
        try {
            URI u = URI.create(url);
            if (u.getHost() == null) {
                return "(unparsable URL)";
            }
            return u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort())
                    + (u.getRawPath() == null ? "" : u.getRawPath());
        } catch (IllegalArgumentException e) {
            return "(unparsable URL)";
        }
    }

    /** The text with every occurrence of the secret replaced (for server messages that might echo it). */
    static String without(String text, String secret) {
        if (text == null || secret == null || secret.isEmpty()) {
            return text;
        }
        return text.replace(secret, "[redacted]");
    }
}
