package dev.braid.runtime.serve;

/** The body of every refusal: the HTTP status and what to fix. */
record ErrorBody(int status, String error) {
}
