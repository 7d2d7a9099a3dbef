package dev.braid.runtime.serve;

import com.fasterxml.jackson.databind.JsonNode;
import dev.braid.api.data.Interaction;
import dev.braid.runtime.generation.Generation;
import dev.braid.runtime.pipeline.FeedbackLog;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /interactions}: one interaction ({@code {"user", "item", "rating"?, "timestamp"?}}) or a list of up
 * to 10,000, checked against the catalog, appended to the feedback log and forced to disk before the 201.
 */
record FeedbackHandler(ServedVariants variants, FeedbackLog feedback, ServeMetrics metrics,
                       ServedLists served) implements Handler {
    /** How many interactions were appended. */
    record Appended(int appended) {
    }

    @Override
    public void handle(Context ctx) {
        JsonNode n = Requests.json(ctx);
        if (n == null || !(n.isObject() || n.isArray())) {
            throw new BadRequestResponse("expected {\"user\": ..., \"item\": ..., \"rating\": 5} or a list of them");
        }
        List<JsonNode> nodes = new ArrayList<>();
        if (n.isArray()) {
            n.forEach(nodes::add);
        } else {
            nodes.add(n);
        }
        if (nodes.isEmpty() || nodes.size() > 10_000) {
            throw new BadRequestResponse("expected 1 to 10000 interactions, got " + nodes.size());
        }
        String first = variants.pipelines().keySet().iterator().next();
        List<Interaction> batch = variants.onLive(first, g -> {
            List<Interaction> out = new ArrayList<>();
            for (int i = 0; i < nodes.size(); i++) {
                out.add(interaction(g, nodes.get(i), n.isArray() ? "[" + i + "]." : ""));
            }
            return out;
        });
        feedback.append(batch);
        metrics.interactions(batch.size());
        for (Interaction i : batch) {
            served.interacted(i.user(), i.item());
        }
        ctx.status(201).json(new Appended(batch.size()));
    }

    private static Interaction interaction(Generation g, JsonNode n, String path) {
        if (!n.isObject()) {
            throw new BadRequestResponse(path + "expected an object with user and item");
        }
        String user = n.path("user").isTextual() ? n.get("user").asText().trim() : "";
        String item = n.path("item").isTextual() ? n.get("item").asText().trim() : "";
        if (user.isEmpty()) {
            throw new BadRequestResponse(path + "user: missing (a non-empty string)");
        }
        if (item.isEmpty()) {
            throw new BadRequestResponse(path + "item: missing (a non-empty string)");
        }
        if (!g.catalog().contains(item)) {
            throw new BadRequestResponse(path + "item: no item '" + item + "' in the catalog");
        }
        double rating = Double.NaN;
        if (n.hasNonNull("rating")) {
            if (!n.get("rating").isNumber() || !Double.isFinite(n.get("rating").asDouble())) {
                throw new BadRequestResponse(path + "rating: expected a number, got " + n.get("rating"));
            }
            rating = n.get("rating").asDouble();
        }
        long ts = Instant.now().getEpochSecond();
        if (n.hasNonNull("timestamp")) {
            if (!n.get("timestamp").canConvertToLong()) {
                throw new BadRequestResponse(path + "timestamp: expected seconds since the epoch, got "
                        + n.get("timestamp"));
            }
            ts = n.get("timestamp").asLong();
        }
        return new Interaction(user, item, rating, ts);
    }
}
