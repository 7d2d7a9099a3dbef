package dev.braid.runtime.inject;

/**
 * A component could not be created or fitted. The message names the component, where it is declared in the
 * configuration and where it comes from, and the cause.
 */
public final class ComponentBuildException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ComponentBuildException(String message, Throwable cause) {
        super(message, cause);
    }
}
