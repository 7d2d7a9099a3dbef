package dev.braid.api.component;

import java.util.Map;

/**
 * A component that reports its own counters for monitoring: {@code braid serve} adds them to {@code /metrics}
 * with the variant and component as labels. Values are cumulative since the component was created (a rebuilt
 * component starts again from zero, which monitoring systems read as a counter reset).
 *
 * <p>Sample names are lower-case Prometheus names ({@code llm_requests_total}, {@code llm_latency_seconds_sum}),
 * optionally with labels of their own ({@code llm_failures_total{kind="timeout"}}). Called from any thread; it
 * must be cheap and must not block.
 *
 * @since 1.1.0
 */
public interface Measured {

    /** The current value of every sample, by name. */
    Map<String, Double> measurements();
}
