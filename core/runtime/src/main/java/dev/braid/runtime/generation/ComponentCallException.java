package dev.braid.runtime.generation;

/**
 * A serving call into a plugin failed or did not return in time. The message names the component (name, kind,
 * bundle and version, where it is configured) and the reason; the generation itself stays usable.
 */
public final class ComponentCallException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ComponentCallException(String message, Throwable cause) {
        super(message, cause);
    }
}
