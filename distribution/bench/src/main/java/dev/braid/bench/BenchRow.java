package dev.braid.bench;

import java.util.Map;

/**
 * One measured model under a protocol.
 *
 * @param name       the variant name
 * @param metrics    the evaluator's metrics (ndcg@10, recall@10, ...)
 * @param fitSeconds wall time of fit (encoding excluded)
 * @param details    model facts: epochs, seconds per epoch, library
 */
record BenchRow(String name, Map<String, Double> metrics, double fitSeconds, Map<String, Object> details) {

    double ndcg10() {
        return metrics.getOrDefault("ndcg@10", Double.NaN);
    }
}
