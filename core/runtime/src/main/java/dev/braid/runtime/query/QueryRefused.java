package dev.braid.runtime.query;

/** A query the engine cannot answer as asked, with what to change. */
public final class QueryRefused extends RuntimeException {
    /** Why. */
    public enum Kind {
        /** The user is unknown and the policy is {@link UnknownUserPolicy#ERROR}. */
        UNKNOWN_USER,
        /** An encoder could not read the content sent. */
        NOT_ENCODED,
        /** Nothing sent is a modality the generation reads, and no user was given. */
        UNREADABLE,
        /** The item is not in the catalog. */
        UNKNOWN_ITEM
    }

    private final Kind kind;

    public QueryRefused(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
