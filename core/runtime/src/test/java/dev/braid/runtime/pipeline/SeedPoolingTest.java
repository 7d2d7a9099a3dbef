package dev.braid.runtime.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.braid.evaluation.UserMetrics;
import dev.braid.evaluation.report.Protocol;
import dev.braid.evaluation.report.VariantResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SeedPoolingTest {

    private static ExperimentRunner.SeedRun run(long seed, double base, double better) {
        Protocol p = new Protocol("d", Map.of("method", "random", "seed", seed), seed, 0, List.of(10), "all",
                List.of("ndcg"), "random (seed " + seed + ")", "a");
        List<VariantResult> results = List.of(
                new VariantResult("a", Map.of("ndcg@10", base), Map.of("fit", 1.0), Map.of(),
                        Map.of("users_evaluated", 3, "segments", Map.of("cold users", Map.of("users", 1.0,
                                "ndcg@10", base)))),
                new VariantResult("b", Map.of("ndcg@10", better), Map.of("fit", 3.0), Map.of(),
                        Map.of("users_evaluated", 3)));
        List<UserMetrics> users = List.of(
                new UserMetrics(List.of("u1", "u2", "u3"), Map.of("ndcg@10", new double[] {base, base, base})),
                new UserMetrics(List.of("u1", "u2", "u3"),
                        Map.of("ndcg@10", new double[] {better - 0.01, better, better + 0.01})));
        return new ExperimentRunner.SeedRun(p, results, users);
    }

    @Test
    void metricsAreMeansOverSeedsWithTheirSdAndTestsPoolTheUsersOfAllSeeds() {
        ExperimentRunner.Report report = SeedPooling.pool(List.of(run(1, 0.1, 0.3), run(2, 0.2, 0.5)),
                List.of(1L, 2L), "a");
        assertThat(report.protocol().split()).containsEntry("seeds", List.of(1L, 2L)).doesNotContainKey("seed");
        assertThat(report.protocol().baseline()).isEqualTo("a");
        VariantResult b = report.results().get(1);
        assertThat(b.metrics().get("ndcg@10")).isCloseTo(0.4, within(1e-12));
        @SuppressWarnings("unchecked")
        Map<String, Double> sd = (Map<String, Double>) b.details().get("metrics_sd");
        assertThat(sd.get("ndcg@10")).isCloseTo(Math.sqrt(0.02), within(1e-12)); // values 0.3, 0.5
        assertThat(b.timings().get("fit")).isEqualTo(3.0);
        // Six pairs (seed, user): every difference positive.
        assertThat(b.statistics().get("ndcg@10").vsBaseline().users()).isEqualTo(6);
        assertThat(b.statistics().get("ndcg@10").vsBaseline().meanDifference()).isCloseTo(0.25, within(1e-12));
        assertThat(b.statistics().get("ndcg@10").interval().n()).isEqualTo(6);
        // Segments every seed has are averaged.
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Double>> segments =
                (Map<String, Map<String, Double>>) report.results().get(0).details().get("segments");
        assertThat(segments.get("cold users").get("ndcg@10")).isCloseTo(0.15, within(1e-12));
        assertThat(b.details()).doesNotContainKey("segments");
    }
}
