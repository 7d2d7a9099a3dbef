package dev.braid.runtime.serve;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.io.InputStream;

/** {@code GET /}: the page (a user's history and each variant's recommendations, or a query by example). */
final class PageHandler implements Handler {
    @Override
    public void handle(Context ctx) throws IOException {
        try (InputStream in = PageHandler.class.getResourceAsStream("index.html")) {
            if (in == null) {
                throw new HttpResponseException(404, "the page is not packaged");
            }
            ctx.contentType("text/html; charset=utf-8").result(in.readAllBytes());
        }
    }
}
