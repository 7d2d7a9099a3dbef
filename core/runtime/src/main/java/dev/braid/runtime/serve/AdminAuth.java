package dev.braid.runtime.serve;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The filter in front of {@code /admin/*}: {@code Authorization: Bearer TOKEN} (or {@code X-Braid-Token}) must
 * match the admin token (compared in constant time); 403 when no token is configured, 401 when it is missing or
 * wrong.
 *
 * @param token the admin token, or null when admin endpoints are disabled
 */
record AdminAuth(String token) implements Handler {
    @Override
    public void handle(Context ctx) {
        if (token == null) {
            throw new HttpResponseException(403, "admin endpoints are disabled: set serve.adminToken in the "
                    + "configuration or BRAID_ADMIN_TOKEN in the environment");
        }
        String auth = ctx.header("Authorization");
        String given = auth != null && auth.startsWith("Bearer ") ? auth.substring(7).trim()
                : ctx.header("X-Braid-Token");
        if (given == null || !MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8))) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new HttpResponseException(401, given == null ? "admin endpoints need 'Authorization: Bearer TOKEN'"
                    : "wrong admin token");
        }
    }
}
