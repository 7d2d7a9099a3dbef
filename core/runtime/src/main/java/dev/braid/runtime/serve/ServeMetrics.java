package dev.braid.runtime.serve;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * The server's metrics, exposed in Prometheus format at {@code /metrics}: HTTP requests by route and status
 * ({@code braid_http_requests_seconds}), per-variant recommendation latency and counts
 * ({@code braid_variant_latency_seconds}, {@code braid_variant_recommendations_total}), clicks
 * ({@code braid_variant_clicks_total}), posted interactions, the live generation number per variant
 * ({@code braid_generation}) and the JVM's threads, memory and GC.
 */
final class ServeMetrics implements AutoCloseable {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<String, Timer> variantLatency = new ConcurrentHashMap<>();
    private final Map<String, Counter> recommendations = new ConcurrentHashMap<>();
    private final Map<String, Counter> clicks = new ConcurrentHashMap<>();
    private final Map<String, Timer> httpTimers = new ConcurrentHashMap<>();
    private final Counter interactions;
    private final JvmGcMetrics gc = new JvmGcMetrics();

    ServeMetrics() {
        new JvmThreadMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        interactions = Counter.builder("braid.interactions").description("interactions appended to the feedback log")
                .register(registry);
    }

    /** Registers a variant and a gauge of its live generation number. */
    <T> void variant(String name, T state, ToDoubleFunction<T> generation) {
        Gauge.builder("braid.generation", state, generation).description("number of the live generation")
                .tag("variant", name).register(registry);
        variantLatency.put(name, Timer.builder("braid.variant.latency").description("recommendation latency")
                .tag("variant", name).publishPercentiles(0.5, 0.99).distributionStatisticExpiry(Duration.ofMinutes(1))
                .register(registry));
        recommendations.put(name, Counter.builder("braid.variant.recommendations")
                .description("recommendation lists served").tag("variant", name).register(registry));
        clicks.put(name, Counter.builder("braid.variant.clicks")
                .description("posted interactions on an item the variant had just recommended to the user")
                .tag("variant", name).register(registry));
    }

    void http(String method, String route, int status, long nanos) {
        // One lookup per request instead of building and registering a meter id each time.
        httpTimers.computeIfAbsent(method + ' ' + status + ' ' + route, key -> Timer.builder("braid.http.requests")
                .description("HTTP requests").tag("method", method).tag("route", route)
                .tag("status", Integer.toString(status)).register(registry)).record(nanos, TimeUnit.NANOSECONDS);
    }

    void served(String variant, long nanos) {
        variantLatency.get(variant).record(nanos, TimeUnit.NANOSECONDS);
        recommendations.get(variant).increment();
    }

    void click(String variant) {
        clicks.get(variant).increment();
    }

    void interactions(int n) {
        interactions.increment(n);
    }

    /** Online figures of one variant, for {@code /admin/experiments}. */
    /**
     * A variant's counters since start, and its latency over the last minute.
     *
     * @param clickThrough clicks per list served (0 before the first list)
     */
    record VariantStats(long recommendations, long clicks, double clickThrough, double meanLatencyMs,
                        double p50LatencyMs, double p99LatencyMs) {
    }

    VariantStats variantStats(String variant) {
        Timer t = variantLatency.get(variant);
        HistogramSnapshot snap = t.takeSnapshot();
        long served = (long) recommendations.get(variant).count();
        long clicked = (long) clicks.get(variant).count();
        double p50 = 0;
        double p99 = 0;
        for (ValueAtPercentile p : snap.percentileValues()) {
            if (p.percentile() == 0.5) {
                p50 = p.value(TimeUnit.MILLISECONDS);
            } else if (p.percentile() == 0.99) {
                p99 = p.value(TimeUnit.MILLISECONDS);
            }
        }
        return new VariantStats(served, clicked, served == 0 ? 0.0 : (double) clicked / served,
                snap.mean(TimeUnit.MILLISECONDS), p50, p99);
    }

    String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
