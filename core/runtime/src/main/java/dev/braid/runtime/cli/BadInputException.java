package dev.braid.runtime.cli;

/** Bad input from the user (a missing file, an invalid argument, unreadable data): exit code 2. */
public final class BadInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
