package dev.braid.runtime.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.braid.api.data.Interaction;
import dev.braid.api.data.InteractionMatrix;
import dev.braid.api.data.Item;
import dev.braid.api.data.Media;
import dev.braid.api.data.Modality;
import dev.braid.api.encoder.EncodingResult;
import dev.braid.api.generator.Query;
import dev.braid.api.generator.ScoredItem;
import dev.braid.runtime.BraidRuntime;
import dev.braid.runtime.config.BraidConfig;
import dev.braid.runtime.generation.BuildOutcome;
import dev.braid.runtime.generation.Generation;
import dev.braid.runtime.generation.GenerationManager;
import dev.braid.runtime.pipeline.FeedbackLog;
import dev.braid.runtime.pipeline.LivePipeline;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code braid serve}: an HTTP service (Javalin) over live pipelines, one per served variant. Each variant's
 * pipeline is rebuilt as a new generation when the configuration or the plugins change, and requests run on the
 * live generation of the variant they are assigned to (sticky per user, by the traffic shares of
 * {@code serve.variants}). Every refused request gets a 4xx status and {@code {"error": "..."}}.
 */
public final class BraidServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BraidServer.class);
    private static final Set<String> RESERVED_PARAMS = Set.of("user", "k", "exclude", "variant");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path configFile;
    private final ServeConfig serve;
    private final Map<String, LivePipeline> pipelines;
    private final VariantRouter router;
    private final FeedbackLog feedback;
    private final ServeMetrics metrics = new ServeMetrics();
    private final ShownItems shown = new ShownItems(100_000);
    private final SimilarItems similar;
    private final Javalin app;

    private BraidServer(Path configFile, ServeConfig serve, Map<String, LivePipeline> pipelines, String host,
                        int port) {
        this.configFile = configFile;
        this.serve = serve;
        this.pipelines = pipelines;
        this.router = new VariantRouter(serve.shares());
        this.feedback = FeedbackLog.open(serve.feedbackFile());
        this.similar = new SimilarItems(pipelines.values().iterator().next().services().backend());
        pipelines.forEach((name, p) -> metrics.variant(name, p.generations(),
                m -> m.live().map(Generation::number).orElse(0)));
        this.app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            // Bounded: under overload requests queue instead of piling up threads (the default allows 250).
            org.eclipse.jetty.util.thread.QueuedThreadPool threads = new org.eclipse.jetty.util.thread
                    .QueuedThreadPool(64, 8, 60_000);
            threads.setName("braid-http");
            cfg.jetty.threadPool = threads;
            cfg.http.maxRequestSize = serve.maxBodyBytes();
            cfg.jetty.multipartConfig.maxFileSize(serve.maxMediaBytes(), io.javalin.config.SizeUnit.BYTES);
            cfg.jetty.multipartConfig.maxTotalRequestSize(serve.maxBodyBytes(), io.javalin.config.SizeUnit.BYTES);
            cfg.jetty.multipartConfig.maxInMemoryFileSize((int) Math.min(Integer.MAX_VALUE, serve.maxMediaBytes()),
                    io.javalin.config.SizeUnit.BYTES);
            cfg.requestLogger.http((ctx, ms) -> metrics.http(ctx.method().name(), route(ctx), ctx.statusCode(),
                    (long) (ms * 1_000_000)));
        });
        routes();
        app.start(host, port);
    }

    /**
     * Starts the live pipelines of every served variant and the HTTP server.
     *
     * @param port 0 for any free port
     * @throws dev.braid.runtime.config.ConfigException when the configuration is invalid
     * @throws IllegalStateException when a first generation cannot be built
     */
    public static BraidServer start(BraidRuntime runtime, Path configFile, String host, int port) {
        BraidConfig config = BraidConfig.load(configFile);
        ServeConfig serve = ServeConfig.of(config, System.getenv("BRAID_ADMIN_TOKEN"));
        Map<String, LivePipeline> pipelines = new LinkedHashMap<>();
        try {
            for (String variant : serve.shares().keySet()) {
                pipelines.put(variant, LivePipeline.start(runtime, configFile, variant));
            }
            if (!serve.mergedOnTrain()) {
                log.warn("Interactions posted to /interactions go to {}; declare it as dataset.feedback for the next "
                        + "training run to merge them", serve.feedbackFile());
            }
            return new BraidServer(configFile, serve, pipelines, host, port);
        } catch (RuntimeException e) {
            pipelines.values().forEach(LivePipeline::close);
            throw e;
        }
    }

    /** The port the server listens on. */
    public int port() {
        return app.port();
    }

    public Map<String, LivePipeline> pipelines() {
        return pipelines;
    }

    private static String route(Context ctx) {
        String p;
        try {
            p = ctx.endpointHandlerPath();
        } catch (IllegalStateException e) {
            return "unmatched"; // no endpoint matched (404 before any handler)
        }
        return p == null || p.isEmpty() || p.equals("*") ? "unmatched" : p;
    }

    private void routes() {
        app.exception(ApiError.class, (e, ctx) -> error(ctx, e.status(), e.getMessage()));
        app.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), e.getMessage()));
        app.exception(IllegalArgumentException.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
        app.exception(Exception.class, (e, ctx) -> {
            log.error("Internal error on {} {}", ctx.method(), ctx.path(), e);
            error(ctx, 500, "internal error: " + e);
        });
        app.before(ctx -> {
            long len = ctx.contentLength();
            if (len > serve.maxBodyBytes()) {
                throw ApiError.tooLarge("the request body has " + len + " bytes, more than the limit of "
                        + serve.maxBodyBytes());
            }
        });

        app.get("/", ctx -> page(ctx));
        app.get("/health", this::health);
        app.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                .result(metrics.scrape() + PluginMetrics.scrape(pluginMeasurements())));
        app.get("/recommendations", this::recommendations);
        app.post("/recommendations", this::byExample);
        app.get("/items/{id}/similar", this::similarItems);
        app.get("/items/{id}/image", this::image);
        app.get("/items/{id}", ctx -> ctx.json(onLive(variant(ctx, null), g -> summary(g, item(g,
                ctx.pathParam("id"))))));
        app.get("/users", this::users);
        app.get("/users/{id}/history", this::history);
        app.post("/interactions", this::interactions);
        app.post("/admin/reload", ctx -> admin(ctx, this::reload));
        app.get("/admin/generations", ctx -> admin(ctx, this::generations));
        app.get("/admin/experiments", ctx -> admin(ctx, this::experiments));
    }

    private static void error(Context ctx, int status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("error", message == null || message.isBlank() ? "request refused" : message);
        ctx.status(status).json(body);
    }

    // ---- the variants ---------------------------------------------------------------------------------------

    /** The variant a request runs on: asked for explicitly ({@code variant=}), else the user's (sticky). */
    private String variant(Context ctx, String user) {
        String asked = ctx.queryParam("variant");
        return pick(asked, user);
    }

    private String pick(String asked, String user) {
        if (asked != null && !asked.isBlank()) {
            if (!pipelines.containsKey(asked)) {
                throw ApiError.badRequest("variant: no served variant named '" + asked + "'; served: "
                        + pipelines.keySet());
            }
            return asked;
        }
        return router.assign(user);
    }

    private <T> T onLive(String variant, Function<Generation, T> work) {
        GenerationManager m = pipelines.get(variant).generations();
        try {
            return m.call(work);
        } catch (IllegalStateException e) {
            if (m.live().isEmpty()) {
                throw new ApiError(503, "variant '" + variant + "' has no live generation: " + e.getMessage());
            }
            throw e;
        }
    }

    // ---- recommendations ------------------------------------------------------------------------------------

    private void recommendations(Context ctx) {
        long t0 = System.nanoTime();
        String user = blankToNull(ctx.queryParam("user"));
        int k = Requests.k(ctx.queryParam("k"));
        Set<String> exclude = Requests.split(ctx.queryParams("exclude"));
        Map<String, String> params = new LinkedHashMap<>();
        ctx.queryParamMap().forEach((key, v) -> {
            if (!RESERVED_PARAMS.contains(key) && !v.isEmpty()) {
                params.put(key, v.get(0));
            }
        });
        String variant = variant(ctx, user);
        Query q = new Query(user, null, exclude, params);
        Map<String, Object> body = onLive(variant, g -> listing(g, variant, user, g.recommend(q, k)));
        served(variant, user, body, t0);
        ctx.json(body);
    }

    private void byExample(Context ctx) {
        long t0 = System.nanoTime();
        ContentRequest req = ContentRequest.parse(ctx, serve.maxMediaBytes());
        String variant = pick(req.variant(), req.user());
        if (req.content().modalities().isEmpty() && req.user() == null) {
            throw ApiError.badRequest("send some content (text, image or audio) or a user");
        }
        Map<String, Object> body = onLive(variant, g -> {
            Map<Modality, EncodingResult> encoded = g.encode("query", req.content());
            Map<Modality, float[]> vectors = new EnumMap<>(Modality.class);
            List<String> problems = new ArrayList<>();
            encoded.forEach((m, r) -> {
                if (r instanceof EncodingResult.Success s) {
                    vectors.put(m, s.vector());
                } else if (r instanceof EncodingResult.Failure f) {
                    problems.add(m.key() + ": " + f.kind().name().toLowerCase(java.util.Locale.ROOT) + ": "
                            + f.message());
                }
            });
            if (!problems.isEmpty()) {
                throw new ApiError(422, "the content could not be encoded: " + String.join("; ", problems));
            }
            Set<String> ignored = new LinkedHashSet<>();
            for (Modality m : req.content().modalities()) {
                if (!encoded.containsKey(m)) {
                    ignored.add(m.key());
                }
            }
            float[] vector = vectors.isEmpty() ? null : g.fuse(vectors);
            if (vector == null && req.user() == null) {
                throw new ApiError(422, "variant '" + variant + "' encodes " + g.encodedModalities().stream()
                        .map(Modality::key).toList() + "; nothing it can read was sent (ignored: " + ignored + ")");
            }
            Query q = new Query(req.user(), vector, req.exclude(), req.params());
            Map<String, Object> out = listing(g, variant, req.user(), g.recommend(q, req.k()));
            out.put("encoded", vectors.keySet().stream().map(Modality::key).toList());
            out.put("ignored", List.copyOf(ignored));
            return out;
        });
        served(variant, req.user(), body, t0);
        ctx.json(body);
    }

    @SuppressWarnings("unchecked")
    private void served(String variant, String user, Map<String, Object> body, long t0) {
        if (user != null) {
            List<String> ids = ((List<Map<String, Object>>) body.get("items")).stream()
                    .map(m -> (String) m.get("id")).toList();
            shown.shown(user, variant, ids);
        }
        metrics.served(variant, System.nanoTime() - t0);
    }

    private Map<String, Object> listing(Generation g, String variant, String user, List<ScoredItem> items) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("variant", variant);
        out.put("generation", g.number());
        if (user != null) {
            out.put("user", user);
        }
        List<Map<String, Object>> list = new ArrayList<>();
        for (ScoredItem s : items) {
            if (s.score() == Double.NEGATIVE_INFINITY || Double.isNaN(s.score())) {
                continue;
            }
            Map<String, Object> m = summary(g, g.catalog().indexOf(s.itemId()));
            m.put("score", s.score());
            m.put("reasons", s.reasons());
            String why = explanation(s.reasons());
            if (why != null) {
                m.put("explanation", why);
            }
            list.add(m);
        }
        out.put("items", list);
        return out;
    }

    /** Per variant, the counters the live generation's generators report (none while a variant has no live one). */
    private Map<String, Map<String, Map<String, Double>>> pluginMeasurements() {
        Map<String, Map<String, Map<String, Double>>> out = new LinkedHashMap<>();
        for (var e : pipelines.entrySet()) {
            try {
                out.put(e.getKey(), e.getValue().generations().call(Generation::measurements));
            } catch (IllegalStateException noLiveGeneration) {
                // nothing to report for this variant
            }
        }
        return out;
    }

    /**
     * The sentence a generator gave as {@code explain:<sentence>} (e.g. {@code llm-explain} for {@code explain=llm}):
     * the runtime prefixes it with the generator's name, so the reason reads {@code <generator>:explain:<sentence>}.
     */
    static String explanation(List<String> reasons) {
        for (String r : reasons) {
            int colon = r.indexOf(':');
            if (colon > 0 && r.startsWith("explain:", colon + 1)) {
                return r.substring(colon + 1 + "explain:".length());
            }
        }
        return null;
    }

    private void similarItems(Context ctx) {
        int k = Requests.k(ctx.queryParam("k"));
        String variant = variant(ctx, null);
        ctx.json(onLive(variant, g -> {
            int index = item(g, ctx.pathParam("id"));
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("variant", variant);
            out.put("generation", g.number());
            out.put("item", summary(g, index));
            List<Map<String, Object>> list = new ArrayList<>();
            for (SimilarItems.Neighbour n : similar.similar(g, index, k)) {
                Map<String, Object> m = summary(g, n.index());
                m.put("score", n.cosine());
                list.add(m);
            }
            out.put("items", list);
            return out;
        }));
    }

    private static int item(Generation g, String id) {
        int index = g.catalog().indexOf(id);
        if (index < 0) {
            throw ApiError.notFound("no item '" + id + "' in the catalog");
        }
        return index;
    }

    private static Map<String, Object> summary(Generation g, int index) {
        Item it = g.catalog().item(index);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", it.id());
        m.put("title", it.title());
        m.put("attributes", it.attributes());
        if (it.content().image() != null) {
            m.put("image", "/items/" + java.net.URLEncoder.encode(it.id(), StandardCharsets.UTF_8) + "/image");
        }
        return m;
    }

    // ---- the page and what it reads ---------------------------------------------------------------------------

    private void page(Context ctx) throws IOException {
        try (InputStream in = BraidServer.class.getResourceAsStream("index.html")) {
            if (in == null) {
                throw new ApiError(404, "the page is not packaged");
            }
            ctx.contentType("text/html; charset=utf-8").result(in.readAllBytes());
        }
    }

    private void image(Context ctx) {
        byte[] bytes = onLive(variant(ctx, null), g -> {
            Item it = g.catalog().item(item(g, ctx.pathParam("id")));
            Media m = it.content().image();
            if (m == null) {
                throw ApiError.notFound("item '" + it.id() + "' has no image");
            }
            try {
                return m.readAllBytes();
            } catch (IOException e) {
                throw ApiError.notFound("the image of item '" + it.id() + "' cannot be read: " + e.getMessage());
            }
        });
        String type;
        try {
            type = java.net.URLConnection.guessContentTypeFromStream(new java.io.ByteArrayInputStream(bytes));
        } catch (IOException e) {
            type = null;
        }
        ctx.contentType(type == null ? "application/octet-stream" : type).header("Cache-Control", "max-age=3600")
                .result(bytes);
    }

    private void users(Context ctx) {
        int limit = Requests.k(ctx.queryParam("limit"));
        ctx.json(onLive(variant(ctx, null), g -> {
            InteractionMatrix m = g.data().train();
            List<String> ids = new ArrayList<>();
            for (int u = 0; u < Math.min(limit, m.numUsers()); u++) {
                ids.add(m.userId(u));
            }
            return Map.of("users", ids, "total", m.numUsers());
        }));
    }

    private void history(Context ctx) {
        String user = ctx.pathParam("id");
        int limit = Requests.k(ctx.queryParam("k") == null ? "50" : ctx.queryParam("k"));
        ctx.json(onLive(variant(ctx, user), g -> {
            InteractionMatrix m = g.data().train();
            int u = m.userIndex(user);
            if (u < 0) {
                throw ApiError.notFound("user '" + user + "' has no history in the training data");
            }
            List<Map<String, Object>> items = new ArrayList<>();
            for (int j = 0; j < Math.min(limit, m.degree(u)); j++) {
                Map<String, Object> s = summary(g, m.item(u, j));
                s.put("value", m.value(u, j));
                items.add(s);
            }
            return Map.of("user", user, "count", m.degree(u), "items", items);
        }));
    }

    // ---- feedback -------------------------------------------------------------------------------------------

    private void interactions(Context ctx) {
        JsonNode n;
        try {
            n = JSON.readTree(ctx.bodyAsBytes());
        } catch (IOException e) {
            throw ApiError.badRequest("the body is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (n == null || !(n.isObject() || n.isArray())) {
            throw ApiError.badRequest("expected {\"user\": ..., \"item\": ..., \"rating\": 5} or a list of them");
        }
        List<JsonNode> nodes = new ArrayList<>();
        if (n.isArray()) {
            n.forEach(nodes::add);
        } else {
            nodes.add(n);
        }
        if (nodes.isEmpty() || nodes.size() > 10_000) {
            throw ApiError.badRequest("expected 1 to 10000 interactions, got " + nodes.size());
        }
        String first = pipelines.keySet().iterator().next();
        List<Interaction> batch = onLive(first, g -> {
            List<Interaction> out = new ArrayList<>();
            for (int i = 0; i < nodes.size(); i++) {
                out.add(interaction(g, nodes.get(i), n.isArray() ? "[" + i + "]." : ""));
            }
            return out;
        });
        feedback.append(batch);
        metrics.interactions(batch.size());
        for (Interaction i : batch) {
            String variant = shown.click(i.user(), i.item());
            if (variant != null) {
                metrics.click(variant);
            }
        }
        ctx.status(201).json(Map.of("appended", batch.size()));
    }

    private static Interaction interaction(Generation g, JsonNode n, String path) {
        if (!n.isObject()) {
            throw ApiError.badRequest(path + "expected an object with user and item");
        }
        String user = n.path("user").isTextual() ? n.get("user").asText().trim() : "";
        String item = n.path("item").isTextual() ? n.get("item").asText().trim() : "";
        if (user.isEmpty()) {
            throw ApiError.badRequest(path + "user: missing (a non-empty string)");
        }
        if (item.isEmpty()) {
            throw ApiError.badRequest(path + "item: missing (a non-empty string)");
        }
        if (!g.catalog().contains(item)) {
            throw ApiError.badRequest(path + "item: no item '" + item + "' in the catalog");
        }
        double rating = Double.NaN;
        if (n.hasNonNull("rating")) {
            if (!n.get("rating").isNumber() || !Double.isFinite(n.get("rating").asDouble())) {
                throw ApiError.badRequest(path + "rating: expected a number, got " + n.get("rating"));
            }
            rating = n.get("rating").asDouble();
        }
        long ts = Instant.now().getEpochSecond();
        if (n.hasNonNull("timestamp")) {
            if (!n.get("timestamp").canConvertToLong()) {
                throw ApiError.badRequest(path + "timestamp: expected seconds since the epoch, got "
                        + n.get("timestamp"));
            }
            ts = n.get("timestamp").asLong();
        }
        return new Interaction(user, item, rating, ts);
    }

    // ---- health and admin -----------------------------------------------------------------------------------

    private void health(Context ctx) {
        Map<String, Object> variants = new LinkedHashMap<>();
        boolean up = true;
        for (var e : pipelines.entrySet()) {
            GenerationManager m = e.getValue().generations();
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("share", serve.shares().get(e.getKey()));
            v.put("generation", m.live().map(Generation::number).orElse(null));
            m.lastOutcome().ifPresent(o -> v.put("lastBuild", outcome(o)));
            up &= m.live().isPresent();
            variants.put(e.getKey(), v);
        }
        ctx.status(up ? 200 : 503).json(Map.of("status", up ? "up" : "down", "variants", variants));
    }

    private static Map<String, Object> outcome(BuildOutcome o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("attempt", o.attempt());
        m.put("generation", o.generation());
        m.put("reason", o.reason());
        m.put("succeeded", o.succeeded());
        if (o.error() != null) {
            m.put("error", o.error());
        }
        m.put("at", o.at().toString());
        return m;
    }

    private void admin(Context ctx, io.javalin.http.Handler handler) throws Exception {
        if (serve.adminToken() == null) {
            throw new ApiError(403, "admin endpoints are disabled: set serve.adminToken in the configuration or "
                    + "BRAID_ADMIN_TOKEN in the environment");
        }
        String auth = ctx.header("Authorization");
        String given = auth != null && auth.startsWith("Bearer ") ? auth.substring(7).trim() : ctx.header(
                "X-Braid-Token");
        if (given == null || !MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                serve.adminToken().getBytes(StandardCharsets.UTF_8))) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new ApiError(401, given == null ? "admin endpoints need 'Authorization: Bearer TOKEN'"
                    : "wrong admin token");
        }
        handler.handle(ctx);
    }

    private void reload(Context ctx) throws Exception {
        Map<String, Integer> before = new LinkedHashMap<>();
        for (var e : pipelines.entrySet()) {
            before.put(e.getKey(), e.getValue().generations().history().size());
            e.getValue().generations().requestBuild("admin reload");
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        Map<String, Object> out = new LinkedHashMap<>();
        boolean ok = true;
        for (var e : pipelines.entrySet()) {
            GenerationManager m = e.getValue().generations();
            while (m.history().size() <= before.get(e.getKey()) && System.nanoTime() < deadline) {
                Thread.sleep(25);
            }
            if (m.history().size() <= before.get(e.getKey())) {
                out.put(e.getKey(), Map.of("succeeded", false, "error", "still building after 120 s"));
                ok = false;
            } else {
                BuildOutcome o = m.lastOutcome().orElseThrow();
                out.put(e.getKey(), outcome(o));
                ok &= o.succeeded();
            }
        }
        ctx.status(ok ? 200 : 409).json(out);
    }

    private void generations(Context ctx) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (var e : pipelines.entrySet()) {
            GenerationManager m = e.getValue().generations();
            Map<String, Object> v = new LinkedHashMap<>();
            m.live().ifPresent(g -> {
                Map<String, Object> live = new LinkedHashMap<>();
                live.put("number", g.number());
                live.put("createdAt", g.createdAt().toString());
                live.put("components", g.describeComponents());
                live.put("reused", g.reused());
                live.put("timings", g.timings());
                live.put("itemFailures", g.failures().size());
                v.put("live", live);
            });
            v.put("history", m.history().stream().map(BraidServer::outcome).toList());
            out.put(e.getKey(), v);
        }
        ctx.json(Map.of("config", configFile.toString(), "variants", out));
    }

    private void experiments(Context ctx) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String v : pipelines.keySet()) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("share", serve.shares().get(v));
            s.put("generation", pipelines.get(v).generations().live().map(Generation::number).orElse(null));
            s.putAll(metrics.variantStats(v));
            out.put(v, s);
        }
        ctx.json(Map.of("assignment", "sticky per user (hash of the user id)", "feedbackLog",
                serve.feedbackFile().toString(), "variants", out));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** Stops the HTTP server, the pipelines and the feedback log. */
    @Override
    public void close() {
        app.stop();
        pipelines.values().forEach(LivePipeline::close);
        feedback.close();
        metrics.close();
    }
}
