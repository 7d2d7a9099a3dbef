package dev.braid.evaluation.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How an evaluation was run, stamped on every report so results can be compared and reproduced.
 *
 * @param dataset    dataset name (and version or path)
 * @param split      the split's description ({@code Split.describe()})
 * @param seed       the seed of the run
 * @param threshold  the rating threshold for positives (NaN when the data is implicit)
 * @param ks         the cut-offs
 * @param candidates which items were candidates, e.g. "all catalog items minus each user's training items"
 * @param metrics    the metric names reported
 * @param ties       how ties in score are broken, e.g. "random (seed 42)"
 * @param baseline   the variant every other one is compared with, user by user (empty when none)
 */
public record Protocol(String dataset, Map<String, Object> split, long seed, double threshold, List<Integer> ks,
                       String candidates, List<String> metrics, String ties, String baseline) {

    public Protocol {
        Objects.requireNonNull(dataset, "dataset");
        split = Collections.unmodifiableMap(new LinkedHashMap<>(split == null ? Map.of() : split));
        ks = List.copyOf(ks == null ? List.of() : ks);
        candidates = candidates == null ? "" : candidates;
        metrics = List.copyOf(metrics == null ? List.of() : metrics);
        ties = ties == null ? "" : ties;
        baseline = baseline == null ? "" : baseline;
    }
}
