package dev.braid.runtime.serve;

/** A request the server refuses, with the HTTP status and a message that says what to fix. */
public final class ApiError extends RuntimeException {
    private final int status;

    public ApiError(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    static ApiError badRequest(String message) {
        return new ApiError(400, message);
    }

    static ApiError notFound(String message) {
        return new ApiError(404, message);
    }

    static ApiError tooLarge(String message) {
        return new ApiError(413, message);
    }
}
