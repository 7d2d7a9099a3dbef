package dev.braid.bench;

import dev.braid.api.component.ProgressListener;
import dev.braid.api.data.Catalog;
import dev.braid.api.data.Interaction;
import dev.braid.api.data.InteractionMatrix;
import dev.braid.api.data.ItemFeatures;
import dev.braid.api.generator.Generator;
import dev.braid.api.generator.Query;
import dev.braid.api.generator.TrainingData;
import dev.braid.evaluation.EvaluationResult;
import dev.braid.evaluation.Evaluator;
import dev.braid.evaluation.Scorer;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One split of one protocol: fits generators on the training matrix and evaluates them with Braid's evaluator
 * (full ranking of the candidate items, each user's training items excluded), so every model, Braid's or a peer
 * library's, is measured the same way.
 *
 * @param catalog    the items
 * @param train      the training matrix models fit on (and whose items are excluded per user)
 * @param test       the held-out relevant interactions
 * @param candidates the items that may be recommended, or null for all
 * @param ks         cut-offs
 * @param seed       the seed given to every model and to the evaluator's random tie-breaking
 */
record Harness(Catalog catalog, InteractionMatrix train, List<Interaction> test, Collection<String> candidates,
               List<Integer> ks, long seed) {
    private static final Logger LOG = LoggerFactory.getLogger(Harness.class);

    /** Fits a Braid generator on these features and evaluates it. */
    BenchRow run(String name, Generator g, ItemFeatures features, Function<Generator, Map<String, Object>> details) {
        long t0 = System.nanoTime();
        g.fit(new TrainingData(catalog, features, train, seed), ProgressListener.NONE);
        double fit = (System.nanoTime() - t0) / 1e9;
        BenchRow row = evaluate(name, (user, scores) -> {
            java.util.Arrays.fill(scores, 0f); // a chain starts from zeros (the evaluator hands in -inf)
            g.score(Query.forUser(user), scores);
        }, fit,
                details.apply(g));
        g.close();
        return row;
    }

    /** Evaluates any scorer (a peer library's model, say). */
    BenchRow evaluate(String name, Scorer scorer, double fitSeconds, Map<String, Object> details) {
        EvaluationResult r = new Evaluator(seed).evaluate(catalog, train, test, candidates, ks, scorer,
                ProgressListener.NONE);
        Map<String, Object> d = new LinkedHashMap<>(details);
        d.put("users_evaluated", r.users());
        LOG.info("{}: ndcg@10 {} (fit {} s)", name, r.metrics().get("ndcg@10"), fitSeconds);
        return new BenchRow(name, r.metrics(), fitSeconds, d);
    }
}
