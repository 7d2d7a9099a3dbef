package dev.braid.runtime.serve;

import dev.braid.runtime.BraidRuntime;
import dev.braid.runtime.config.BraidConfig;
import dev.braid.runtime.generation.ComponentCallException;
import dev.braid.runtime.generation.Generation;
import dev.braid.runtime.pipeline.FeedbackLog;
import dev.braid.runtime.pipeline.LivePipeline;
import dev.braid.runtime.query.QueryRefused;
import dev.braid.runtime.query.QueryService;
import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.http.ContentTooLargeResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code braid serve}: an HTTP service (Javalin) over live pipelines, one per served variant. Each variant's
 * pipeline is rebuilt as a new generation when the configuration or the plugins change, and requests run on the
 * live generation of the variant they are assigned to (sticky per user, by the traffic shares of
 * {@code serve.variants}). Each resource has its own handler; the answers are records serialised by Jackson, and
 * every refused request gets a 4xx status and {@code {"status": N, "error": "..."}}.
 */
public final class BraidServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BraidServer.class);

    private final Map<String, LivePipeline> pipelines;
    private final FeedbackLog feedback;
    private final ServeMetrics metrics = new ServeMetrics();
    private final Javalin app;

    private BraidServer(Path configFile, ServeConfig serve, Map<String, LivePipeline> pipelines, String host,
                        int port) {
        this.pipelines = pipelines;
        this.feedback = FeedbackLog.open(serve.feedbackFile());
        ServedVariants variants = new ServedVariants(pipelines, serve.shares());
        Map<String, BuildEvents> events = new LinkedHashMap<>();
        pipelines.forEach((name, p) -> {
            metrics.variant(name, p.generations(), m -> m.live().map(Generation::number).orElse(0));
            BuildEvents e = new BuildEvents();
            p.generations().addListener(e);
            events.put(name, e);
        });
        this.app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            // Bounded: under overload requests queue instead of piling up threads (the default allows 250).
            QueuedThreadPool threads = new QueuedThreadPool(64, 8, 60_000);
            threads.setName("braid-http");
            cfg.jetty.threadPool = threads;
            cfg.http.maxRequestSize = serve.maxBodyBytes();
            cfg.jetty.multipartConfig.maxFileSize(serve.maxMediaBytes(), SizeUnit.BYTES);
            cfg.jetty.multipartConfig.maxTotalRequestSize(serve.maxBodyBytes(), SizeUnit.BYTES);
            cfg.jetty.multipartConfig.maxInMemoryFileSize((int) Math.min(Integer.MAX_VALUE, serve.maxMediaBytes()),
                    SizeUnit.BYTES);
            cfg.requestLogger.http((ctx, ms) -> metrics.http(ctx.method().name(), route(ctx), ctx.statusCode(),
                    (long) (ms * 1_000_000)));
        });
        QueryService queries = new QueryService(serve.unknownUser());
        ServedLists served = new ServedLists(metrics);
        errors(serve.maxBodyBytes());
        app.before("/admin/*", new AdminAuth(serve.adminToken()));
        app.get("/", new PageHandler());
        app.get("/health", new HealthHandler(variants));
        app.get("/metrics", new MetricsHandler(variants, metrics));
        app.get("/recommendations", new RecommendationsHandler(variants, queries, served, serve.excludeHistory()));
        app.post("/recommendations", new QueryByExampleHandler(variants, queries, served, serve.maxMediaBytes(),
                serve.excludeHistory()));
        app.get("/items/{id}/similar", new SimilarItemsHandler(variants,
                new SimilarItems(pipelines.values().iterator().next().services().backend())));
        app.get("/items/{id}/explain", new ExplainHandler(variants, queries, serve.excludeHistory()));
        app.get("/items/{id}/image", new ImageHandler(variants));
        app.get("/items/{id}", new ItemHandler(variants));
        app.get("/users", new UsersHandler(variants));
        app.get("/users/{id}/history", new HistoryHandler(variants));
        app.post("/interactions", new FeedbackHandler(variants, feedback, metrics, served));
        app.post("/admin/reload", new ReloadHandler(variants, events));
        app.get("/admin/generations", new GenerationsHandler(variants, configFile));
        app.get("/admin/experiments", new ExperimentsHandler(variants, metrics, serve.feedbackFile()));
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

    /** Every refusal as {@code {"status", "error"}}; a body over the limit is refused before it is read. */
    private void errors(long maxBodyBytes) {
        app.exception(QueryRefused.class, (e, ctx) -> error(ctx, switch (e.kind()) {
            case UNKNOWN_USER, UNKNOWN_ITEM -> 404;
            case NOT_ENCODED, UNREADABLE -> 422;
        }, e.getMessage()));
        app.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), e.getMessage()));
        app.exception(IllegalArgumentException.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
        // A plugin that failed, hung past the call timeout or found the guard full: named, without a stack trace
        // per request (a hanging plugin under load would fill the log).
        app.exception(ComponentCallException.class, (e, ctx) -> {
            log.warn("{} {}: {}", ctx.method(), ctx.path(), e.getMessage());
            error(ctx, 503, e.getMessage());
        });
        app.exception(Exception.class, (e, ctx) -> {
            log.error("Internal error on {} {}", ctx.method(), ctx.path(), e);
            error(ctx, 500, "internal error: " + e);
        });
        app.before(ctx -> {
            long len = ctx.contentLength();
            if (len > maxBodyBytes) {
                throw new ContentTooLargeResponse("the request body has " + len + " bytes, more than the limit of "
                        + maxBodyBytes);
            }
        });
    }

    private static void error(Context ctx, int status, String message) {
        ctx.status(status).json(new ErrorBody(status, message == null || message.isBlank() ? "request refused"
                : message));
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
