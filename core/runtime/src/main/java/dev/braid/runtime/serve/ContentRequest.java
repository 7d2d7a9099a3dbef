package dev.braid.runtime.serve;

import com.fasterxml.jackson.databind.JsonNode;
import dev.braid.api.data.ItemContent;
import dev.braid.api.data.Media;
import dev.braid.runtime.query.ContentQuery;
import dev.braid.runtime.query.UserQuery;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.ContentTooLargeResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A query by example ({@code POST /recommendations}): ad-hoc text, image and audio, either as
 * {@code multipart/form-data} (fields {@code text}, {@code user}, {@code k}, {@code exclude}, {@code variant},
 * {@code excludeHistory}, {@code param.NAME}; files {@code image}, {@code audio}) or as JSON ({@code {"text": ...,
 * "image": BASE64, "audio": BASE64, "user": ..., "k": 10, "exclude": [...], "params": {...}, "variant": ...,
 * "excludeHistory": false}}).
 *
 * @param user    an optional known user, blended with the content by the generators
 * @param k       how many items
 * @param content the ad-hoc content
 * @param exclude item ids not to recommend
 * @param params  rule parameters
 * @param variant a variant asked for explicitly, or null
 * @param excludeHistory whether to leave out the user's history, or null for the configured default
 */
record ContentRequest(String user, int k, ItemContent content, Set<String> exclude, Map<String, String> params,
                      String variant, Boolean excludeHistory) {

    static ContentRequest parse(Context ctx, long maxMediaBytes) {
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(java.util.Locale.ROOT);
        if (type.startsWith("multipart/form-data")) {
            return multipart(ctx, maxMediaBytes);
        }
        if (type.isEmpty() || type.startsWith("application/json")) {
            return json(ctx, maxMediaBytes);
        }
        throw new HttpResponseException(415, "send application/json (base64 media) or multipart/form-data, not "
                + type);
    }

    private static ContentRequest multipart(Context ctx, long maxMediaBytes) {
        Media image;
        Media audio;
        try {
            image = upload(ctx.uploadedFile("image"), "image", maxMediaBytes);
            audio = upload(ctx.uploadedFile("audio"), "audio", maxMediaBytes);
        } catch (IllegalStateException e) {
            throw new ContentTooLargeResponse("the upload is too large: " + e.getMessage());
        }
        String text = Requests.blankToNull(ctx.formParam("text"));
        Set<String> exclude = Requests.split(ctx.formParams("exclude"));
        Map<String, String> params = new LinkedHashMap<>();
        ctx.formParamMap().forEach((key, v) -> {
            if (key.startsWith("param.") && !v.isEmpty()) {
                params.put(key.substring(6), v.get(0));
            }
        });
        int k = Requests.k(ctx.formParam("k"));
        String history = Requests.blankToNull(ctx.formParam("excludeHistory"));
        return new ContentRequest(Requests.blankToNull(ctx.formParam("user")), k, new ItemContent(text, image, audio),
                exclude, params, Requests.blankToNull(ctx.formParam("variant")),
                history == null ? null : Requests.flag(history, "excludeHistory", true));
    }

    private static Media upload(UploadedFile f, String field, long max) {
        if (f == null) {
            return null;
        }
        if (f.size() > max) {
            throw new ContentTooLargeResponse(field + ": " + f.size() + " bytes, more than the limit of " + max);
        }
        try (InputStream in = f.content()) {
            byte[] bytes = in.readAllBytes();
            if (bytes.length == 0) {
                throw new BadRequestResponse(field + ": the uploaded file is empty");
            }
            return Media.ofBytes(field + " upload " + (f.filename() == null ? "" : f.filename()), bytes);
        } catch (IOException e) {
            throw new BadRequestResponse(field + ": cannot read the upload: " + e.getMessage());
        }
    }

    private static ContentRequest json(Context ctx, long maxMediaBytes) {
        JsonNode n = Requests.json(ctx);
        if (n == null || !n.isObject()) {
            throw new BadRequestResponse("expected a JSON object with text, image (base64) and/or audio (base64)");
        }
        String text = n.hasNonNull("text") ? requireText(n, "text") : null;
        Media image = base64(n, "image", maxMediaBytes);
        Media audio = base64(n, "audio", maxMediaBytes);
        Set<String> exclude = new LinkedHashSet<>();
        JsonNode ex = n.get("exclude");
        if (ex != null && !ex.isNull()) {
            if (!ex.isArray()) {
                throw new BadRequestResponse("exclude: expected a list of item ids");
            }
            ex.forEach(e -> exclude.add(e.asText()));
        }
        Map<String, String> params = new LinkedHashMap<>();
        JsonNode ps = n.get("params");
        if (ps != null && !ps.isNull()) {
            if (!ps.isObject()) {
                throw new BadRequestResponse("params: expected a map of rule parameters");
            }
            ps.fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
        }
        JsonNode kNode = n.get("k");
        if (kNode != null && !kNode.isNull() && !kNode.canConvertToInt()) {
            throw new BadRequestResponse("k: expected an integer from 1 to " + Requests.MAX_K + ", got " + kNode);
        }
        int k = Requests.k(kNode == null || kNode.isNull() ? null : kNode.asText());
        String user = n.hasNonNull("user") ? requireText(n, "user") : null;
        String variant = n.hasNonNull("variant") ? requireText(n, "variant") : null;
        Boolean history = null;
        if (n.hasNonNull("excludeHistory")) {
            if (!n.get("excludeHistory").isBoolean()) {
                throw new BadRequestResponse("excludeHistory: expected true or false, got " + n.get("excludeHistory"));
            }
            history = n.get("excludeHistory").asBoolean();
        }
        return new ContentRequest(Requests.blankToNull(user), k, new ItemContent(text, image, audio), exclude, params,
                Requests.blankToNull(variant), history);
    }

    /** The engine's query, with the configured history exclusion unless the request overrides it. */
    ContentQuery query(boolean excludeHistoryByDefault) {
        return new ContentQuery(content, new UserQuery(user, k, exclude, params,
                excludeHistory == null ? excludeHistoryByDefault : excludeHistory));
    }

    private static String requireText(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (!v.isTextual()) {
            throw new BadRequestResponse(field + ": expected a string, got " + v.getNodeType().name().toLowerCase(
                    java.util.Locale.ROOT));
        }
        return v.asText();
    }

    private static Media base64(JsonNode n, String field, long max) {
        if (!n.hasNonNull(field)) {
            return null;
        }
        String s = requireText(n, field);
        int comma = s.startsWith("data:") ? s.indexOf(',') : -1;
        if (comma >= 0) {
            s = s.substring(comma + 1);
        }
        if ((long) s.length() * 3 / 4 > max) {
            throw new ContentTooLargeResponse(field + ": about " + ((long) s.length() * 3 / 4)
                    + " bytes, more than the limit of " + max);
        }
        try {
            byte[] bytes = Base64.getMimeDecoder().decode(s);
            if (bytes.length == 0) {
                throw new BadRequestResponse(field + ": empty");
            }
            return Media.ofBytes(field + " (base64)", bytes);
        } catch (IllegalArgumentException e) {
            throw new BadRequestResponse(field + ": not valid base64 (" + e.getMessage() + ")");
        }
    }
}
