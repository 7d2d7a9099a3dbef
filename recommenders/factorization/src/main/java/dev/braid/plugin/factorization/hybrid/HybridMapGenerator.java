package dev.braid.plugin.factorization.hybrid;

import dev.braid.api.component.BraidComponent;
import dev.braid.api.component.ProgressListener;
import dev.braid.api.data.FeatureMatrix;
import dev.braid.api.data.InteractionMatrix;
import dev.braid.api.data.Modality;
import dev.braid.api.generator.CandidateScorer;
import dev.braid.api.generator.FitState;
import dev.braid.api.generator.Query;
import dev.braid.api.generator.Scores;
import dev.braid.api.generator.TrainingData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * A hybrid of collaborative filtering and content that learns how much each modality is worth from the
 * collaborative signal, and ranks items nobody has interacted with yet.
 *
 * <ol>
 *   <li><b>Collaborative factors.</b> {@link InteractionFactors}: a truncated SVD of the degree-normalised training
 *   matrix gives every warm item a factor vector; a user is the sum of the factors of their training items.</li>
 *   <li><b>Content to factors.</b> {@link RidgeMap}: a ridge regression from every encoded modality (each
 *   standardised and scaled to unit total variance by {@link ContentBlock}, then weighted) to those factors, fitted
 *   on the warm items: the attribute-to-factor mapping of Gantner et al. (2010), the closed-form core of DropoutNet,
 *   Heater and ALDI. Items lacking a modality are mapped from the modalities they have.</li>
 *   <li><b>Weights learned on held-out items.</b> {@link HeldOutItems}: a share of the warm items is held out as if
 *   cold; the per-modality weights and the penalty are chosen by NDCG@10 of ranking them (a coordinate search over
 *   {@code weights}, every modality alone among the candidates). A combination is kept only if it beats the best
 *   single modality on validation; otherwise that modality alone is kept, and the log says so.</li>
 *   <li><b>Scores.</b> {@code user . item}, where a cold item's vector is its mapped content and a warm item's is
 *   {@code (1 - a) * factors + a * mapped content}, the share {@code a} chosen among {@code warmContentWeights} by
 *   NDCG@10 on held-out interactions ({@link HeldOutInteractions}). A user unknown to the training data is the
 *   average user.</li>
 * </ol>
 *
 * <p>Model-based: it overwrites the incoming scores, except {@link Float#NEGATIVE_INFINITY} entries. Training is
 * deterministic for a seed. Example: {@code generators: [hybrid-map]} with encoders for text, image and attributes.
 */
@BraidComponent(name = "hybrid-map", config = HybridMapConfig.class,
        description = "collaborative SVD factors plus a ridge map from every modality to them (weights chosen on "
                + "held-out items): ranks cold items by content")
public final class HybridMapGenerator implements CandidateScorer {
    private static final Logger LOG = LoggerFactory.getLogger(HybridMapGenerator.class);
    static final String NAME = "hybrid-map";

    private final HybridMapConfig config;
    private final FitState<Fitted> fitted = new FitState<>(NAME);

    public HybridMapGenerator(HybridMapConfig config) {
        this.config = config;
    }

    /** What fit chose, for reports and tests. */
    public record Choice(Map<Modality, Double> weights, double penalty, double validationNdcg,
                         Modality bestSingle, double bestSingleNdcg, boolean keptSingle, double warmContentWeight) {
    }

    /** Which content-to-factor map was used, with both validation figures (NaN where not trained). */
    public record MapChoice(String map, double ridgeNdcg, double mlpNdcg, int mlpEpochs) {
    }

    private record Fitted(InteractionMatrix interactions, int k, float[] items, float[] users, float[] meanUser,
                          boolean[] warm, Choice choice, MapChoice mapChoice) {
    }

    @Override
    public void fit(TrainingData data, ProgressListener progress) {
        InteractionMatrix m = data.requireInteractions(NAME);
        int n = data.catalog().size();
        TreeMap<Modality, FeatureMatrix> modalities = new TreeMap<>(data.features().modalities());
        if (modalities.isEmpty()) {
            throw new IllegalArgumentException(NAME + ": no modality is encoded in this pipeline; it maps content "
                    + "to collaborative factors, so give it at least one encoder (for ids only, use bpr)");
        }
        int[][] rows = new int[m.numUsers()][];
        int[] degree = new int[n];
        for (int u = 0; u < rows.length; u++) {
            rows[u] = m.items(u);
            for (int i : rows[u]) {
                degree[i]++;
            }
        }
        boolean[] warm = new boolean[n];
        for (int i = 0; i < n; i++) {
            warm[i] = degree[i] >= config.minInteractions();
        }
        long seed = data.seed();
        List<Modality> order = new ArrayList<>(modalities.keySet());

        HeldOutItems holdout = HeldOutItems.of(rows, warm, config.validationShare(), seed);
        HoldoutModel held = new HoldoutModel(holdout, order, modalities, seed);
        Choice modalityChoice = choose(order, held, progress);
        MapChoice mapChoice = chooseMap(modalityChoice, order, held, seed, progress);
        Choice choice = chooseWarmContentWeight(modalityChoice, rows, order, modalities, seed, progress);

        progress.start(NAME + ": final fit", 0);
        double[][] factors = InteractionFactors.of(rows, warm, config.factors(), config.powerIterations(), seed);
        List<ContentBlock> blocks = blocks(order, modalities, warm, seed);
        RidgeMap map = new RidgeMap(blocks, factors, warm);
        double[] weights = order.stream().mapToDouble(mod -> choice.weights().get(mod)).toArray();
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        int fitted = count(warm);
        double[][] mapped = mapChoice.map().equals("mlp")
                ? mlpMapped(blocks, weights, factors, warm, mapChoice.mlpEpochs(), seed)
                : map.predict(all, weights, choice.penalty() * fitted);
        int k = config.factors();
        float[] items = new float[n * k];
        double a = choice.warmContentWeight();
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < k; c++) {
                double v = warm[i] ? (1 - a) * factors[i][c] + a * mapped[i][c] : mapped[i][c];
                items[i * k + c] = (float) v;
            }
        }
        double[][] userVectors = userVectors(rows, factors, k);
        float[] users = new float[rows.length * k];
        float[] meanUser = new float[k];
        for (int u = 0; u < rows.length; u++) {
            for (int c = 0; c < k; c++) {
                users[u * k + c] = (float) userVectors[u][c];
                meanUser[c] += (float) (userVectors[u][c] / Math.max(1, rows.length));
            }
        }
        progress.finish();
        this.fitted.set(new Fitted(m, k, items, users, meanUser, warm, choice, mapChoice));
        if (!config.map().equals("ridge")) {
            LOG.info("{}: content-to-factor map {} (validation NDCG@10: ridge {}, mlp {} after {} epochs)", NAME,
                    mapChoice.map(), fmt(mapChoice.ridgeNdcg()), fmt(mapChoice.mlpNdcg()), mapChoice.mlpEpochs());
        }
        LOG.info("{}: {} warm and {} cold items, {} users, {} factors; weights {}, penalty {} x {} items; "
                        + "validation NDCG@10 {} over {} users ({} held-out items){}", NAME, fitted, n - fitted,
                rows.length, k, describe(choice.weights()), choice.penalty(), fitted,
                fmt(choice.validationNdcg()), holdout.users(), holdout.items.length,
                choice.weights().size() == 1 ? ""
                        : choice.keptSingle() ? "; kept " + choice.bestSingle().key() + " alone: no combination of "
                        + "modalities beat it on validation" : "; best single modality "
                        + choice.bestSingle().key() + " " + fmt(choice.bestSingleNdcg()));
    }

    /** Factors, content blocks and users fitted without the held-out items: what both map searches score on. */
    private final class HoldoutModel {
        final HeldOutItems holdout;
        final double[][] factors;
        final List<ContentBlock> blocks;
        final double[][] users;

        HoldoutModel(HeldOutItems holdout, List<Modality> order, Map<Modality, FeatureMatrix> modalities, long seed) {
            this.holdout = holdout;
            this.factors = InteractionFactors.of(holdout.fitRows, holdout.fitItems, config.factors(),
                    config.powerIterations(), seed);
            this.blocks = blocks(order, modalities, holdout.fitItems, seed);
            this.users = userVectors(holdout.fitRows, factors, config.factors());
        }
    }

    /** Chooses weights and penalty on held-out warm items: coordinate search, every single modality included. */
    private Choice choose(List<Modality> order, HoldoutModel held, ProgressListener progress) {
        HeldOutItems holdout = held.holdout;
        RidgeMap map = new RidgeMap(held.blocks, held.factors, holdout.fitItems);
        double[][] users = held.users;
        int fitCount = count(holdout.fitItems);
        int mods = order.size();
        List<Double> grid = config.weights();
        int rounds = mods == 1 ? 0 : 2;
        progress.start(NAME + ": choosing weights on " + holdout.items.length + " held-out items",
                (long) config.regularization().size() * (mods + 1 + (long) rounds * mods * grid.size()));
        Search search = new Search(map, users, holdout, fitCount, progress);
        // every modality alone, at weight 1
        Modality bestSingle = null;
        Search.Result single = null;
        for (int b = 0; b < mods; b++) {
            double[] w = new double[mods];
            w[b] = 1;
            Search.Result r = search.best(w, config.regularization());
            if (single == null || r.ndcg() > single.ndcg()) {
                single = r;
                bestSingle = order.get(b);
            }
        }
        double[] start = new double[mods];
        java.util.Arrays.fill(start, 1);
        Search.Result best = search.best(start, config.regularization());
        for (int round = 0; round < rounds; round++) {
            for (int b = 0; b < mods; b++) {
                for (double value : grid) {
                    double[] w = best.weights().clone();
                    w[b] = value;
                    if (java.util.Arrays.stream(w).noneMatch(x -> x > 0)) {
                        continue;
                    }
                    Search.Result r = search.best(w, config.regularization());
                    if (r.ndcg() > best.ndcg()) {
                        best = r;
                    }
                }
            }
        }
        progress.finish();
        boolean keptSingle = single.ndcg() >= best.ndcg();
        Search.Result chosen = keptSingle ? single : best;
        Map<Modality, Double> weights = new TreeMap<>();
        for (int b = 0; b < mods; b++) {
            weights.put(order.get(b), chosen.weights()[b]);
        }
        return new Choice(weights, chosen.penalty(), chosen.ndcg(), bestSingle, single.ndcg(),
                mods > 1 && (keptSingle || countPositive(chosen.weights()) == 1), 0);
    }

    /**
     * Chooses how much mapped content goes into a warm item's vector, by NDCG@10 on held-out interactions (the
     * smallest share wins a tie): content helps warm items only where the data says so.
     */
    private Choice chooseWarmContentWeight(Choice c, int[][] rows, List<Modality> order,
                                           Map<Modality, FeatureMatrix> modalities, long seed,
                                           ProgressListener progress) {
        List<Double> grid = config.warmContentWeights().stream().sorted().toList();
        if (grid.size() == 1) {
            return withWarmContentWeight(c, grid.get(0));
        }
        progress.start(NAME + ": choosing the warm items' content share", grid.size());
        HeldOutInteractions holdout = HeldOutInteractions.of(rows, 0.1, 5000, seed);
        int n = modalities.values().iterator().next().rows();
        int[] degree = new int[n];
        for (int[] r : holdout.fitRows) {
            for (int i : r) {
                degree[i]++;
            }
        }
        boolean[] warm = new boolean[n];
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            warm[i] = degree[i] >= config.minInteractions();
            all[i] = i;
        }
        double[][] factors = InteractionFactors.of(holdout.fitRows, warm, config.factors(), config.powerIterations(),
                seed);
        RidgeMap map = new RidgeMap(blocks(order, modalities, warm, seed), factors, warm);
        double[] weights = order.stream().mapToDouble(mod -> c.weights().get(mod)).toArray();
        double[][] mapped = map.predict(all, weights, c.penalty() * count(warm));
        double[][] users = userVectors(holdout.fitRows, factors, config.factors());
        double best = Double.NEGATIVE_INFINITY;
        double chosen = grid.get(0);
        StringJoiner tried = new StringJoiner(", ");
        for (double a : grid) {
            double[][] items = new double[n][];
            for (int i = 0; i < n; i++) {
                if (!warm[i]) {
                    items[i] = mapped[i];
                    continue;
                }
                items[i] = new double[config.factors()];
                for (int q = 0; q < items[i].length; q++) {
                    items[i][q] = (1 - a) * factors[i][q] + a * mapped[i][q];
                }
            }
            double ndcg = holdout.ndcg(users, items);
            tried.add(fmt(a) + ": " + fmt(ndcg));
            if (ndcg > best) {
                best = ndcg;
                chosen = a;
            }
            progress.advance(1);
        }
        progress.finish();
        LOG.info("{}: warm items' content share by NDCG@10 on held-out interactions of {} users: {}; chose {}", NAME,
                holdout.users(), tried, fmt(chosen));
        return withWarmContentWeight(c, chosen);
    }

    private static Choice withWarmContentWeight(Choice c, double a) {
        return new Choice(c.weights(), c.penalty(), c.validationNdcg(), c.bestSingle(), c.bestSingleNdcg(),
                c.keptSingle(), a);
    }

    /**
     * With {@code map: mlp} or {@code best}, trains the non-linear map on the held-out split (early stopping on the
     * held-out items' NDCG@10, with the weights the ridge search chose) and decides which map to use.
     */
    private MapChoice chooseMap(Choice c, List<Modality> order, HoldoutModel held, long seed,
                                ProgressListener progress) {
        if (config.map().equals("ridge")) {
            return new MapChoice("ridge", c.validationNdcg(), Double.NaN, 0);
        }
        progress.start(NAME + ": training the mlp map on the held-out split", 0);
        HeldOutItems holdout = held.holdout;
        double[][] factors = held.factors;
        List<ContentBlock> blocks = held.blocks;
        double[][] users = held.users;
        double[] weights = order.stream().mapToDouble(mod -> c.weights().get(mod)).toArray();
        float[][] x = MlpMap.inputs(blocks, weights, factors.length);
        MlpMap.Trained t = MlpMap.train(x, offsets(blocks), factors, indices(holdout.fitItems), settings(config.epochs()),
                seed, trained -> {
                    double[][] predicted = new double[holdout.items.length][];
                    for (int p = 0; p < predicted.length; p++) {
                        predicted[p] = trained.predict(x[holdout.items[p]]);
                    }
                    return holdout.ndcg(users, predicted);
                });
        progress.finish();
        boolean mlp = config.map().equals("mlp") || t.score() > c.validationNdcg();
        return new MapChoice(mlp ? "mlp" : "ridge", c.validationNdcg(), t.score(), t.epochs());
    }

    private double[][] mlpMapped(List<ContentBlock> blocks, double[] weights, double[][] factors, boolean[] warm,
                                 int epochs, long seed) {
        float[][] x = MlpMap.inputs(blocks, weights, factors.length);
        MlpMap.Trained t = MlpMap.train(x, offsets(blocks), factors, indices(warm), settings(epochs), seed, null);
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            out[i] = t.predict(x[i]);
        }
        return out;
    }

    private MlpMap.Settings settings(int epochs) {
        return new MlpMap.Settings(config.hidden(), epochs, 5, 4, 1e-3, 1e-4, 0.3, 64);
    }

    private static int[] offsets(List<ContentBlock> blocks) {
        int[] off = new int[blocks.size() + 1];
        for (int b = 0; b < blocks.size(); b++) {
            off[b + 1] = off[b] + blocks.get(b).dim;
        }
        return off;
    }

    private static int[] indices(boolean[] mask) {
        return java.util.stream.IntStream.range(0, mask.length).filter(i -> mask[i]).toArray();
    }

    /** What fit chose for the content-to-factor map; null before fit. */
    public MapChoice mapChoice() {
        Fitted f = fitted.orNull();
        return f == null ? null : f.mapChoice();
    }

    /** Evaluates weight vectors on the held-out items, remembering what it has tried. */
    private static final class Search {
        record Result(double[] weights, double penalty, double ndcg) {
        }

        private final RidgeMap map;
        private final double[][] users;
        private final HeldOutItems holdout;
        private final int fitCount;
        private final ProgressListener progress;
        private final Map<String, Result> tried = new java.util.HashMap<>();

        Search(RidgeMap map, double[][] users, HeldOutItems holdout, int fitCount, ProgressListener progress) {
            this.map = map;
            this.users = users;
            this.holdout = holdout;
            this.fitCount = fitCount;
            this.progress = progress;
        }

        /** The best penalty for these weights. */
        Result best(double[] weights, List<Double> penalties) {
            Result best = null;
            for (double p : penalties) {
                String key = java.util.Arrays.toString(weights) + "@" + p;
                Result r = tried.get(key);
                if (r == null) {
                    double[][] predicted = map.predict(holdout.items, weights, p * fitCount);
                    r = new Result(weights.clone(), p, holdout.ndcg(users, predicted));
                    tried.put(key, r);
                    progress.advance(1);
                }
                if (best == null || r.ndcg() > best.ndcg()) {
                    best = r;
                }
            }
            return best;
        }
    }

    private List<ContentBlock> blocks(List<Modality> order, Map<Modality, FeatureMatrix> modalities,
                                      boolean[] fitItems, long seed) {
        List<ContentBlock> blocks = new ArrayList<>();
        for (Modality mod : order) {
            blocks.add(ContentBlock.of(mod, modalities.get(mod), fitItems, config.maxDimension(), seed));
        }
        return blocks;
    }

    private static double[][] userVectors(int[][] rows, double[][] factors, int k) {
        double[][] users = new double[rows.length][k];
        for (int u = 0; u < rows.length; u++) {
            for (int i : rows[u]) {
                double[] f = factors[i];
                for (int c = 0; c < k; c++) {
                    users[u][c] += f[c];
                }
            }
        }
        return users;
    }

    @Override
    public void score(Query query, float[] scores) {
        Fitted f = fitted.get();
        Scores.requireSlots(NAME, scores, f.warm().length);
        float[] user = userFactors(f, query);
        for (int i = 0; i < scores.length; i++) {
            if (scores[i] != Float.NEGATIVE_INFINITY) {
                scores[i] = dot(user, f, i);
            }
        }
    }

    @Override
    public void score(Query query, int[] candidates, float[] scores) {
        Fitted f = fitted.get();
        Scores.requireCandidates(NAME, candidates, scores, f.warm().length);
        float[] user = userFactors(f, query);
        for (int k = 0; k < candidates.length; k++) {
            if (scores[k] != Float.NEGATIVE_INFINITY) {
                scores[k] = dot(user, f, candidates[k]);
            }
        }
    }

    /** The user's factors; the mean user's for no user or one unknown to training. */
    private static float[] userFactors(Fitted f, Query query) {
        int u = query.user() == null ? -1 : f.interactions().userIndex(query.user());
        int k = f.k();
        return u < 0 ? f.meanUser().clone() : java.util.Arrays.copyOfRange(f.users(), u * k, (u + 1) * k);
    }

    private static float dot(float[] user, Fitted f, int item) {
        float s = 0;
        int base = item * f.k();
        float[] items = f.items();
        for (int c = 0; c < user.length; c++) {
            s += user[c] * items[base + c];
        }
        return s;
    }

    @Override
    public List<String> explain(Query query, int item) {
        Fitted f = fitted.get();
        StringJoiner used = new StringJoiner(", ");
        f.choice().weights().forEach((mod, w) -> {
            if (w > 0) {
                used.add(mod.key());
            }
        });
        return List.of(f.warm()[item] ? NAME + ": collaborative factors with mapped " + used
                : NAME + ": a new item, placed by its " + used);
    }

    /**
     * The weights, penalty and map chosen, with the validation figures: whether a combination beat the best single
     * modality, or that modality was kept alone.
     */
    @Override
    public String fitSummary() {
        Fitted f = fitted.orNull();
        if (f == null) {
            return "";
        }
        Choice c = f.choice();
        StringBuilder b = new StringBuilder("weights ").append(describe(c.weights())).append(", penalty ")
                .append(fmt(c.penalty())).append(": validation NDCG@10 ").append(fmt(c.validationNdcg()));
        if (c.weights().size() > 1) {
            b.append(c.keptSingle() ? "; kept " + c.bestSingle().key() + " alone (no combination beat it)"
                    : "; best single modality " + c.bestSingle().key() + " " + fmt(c.bestSingleNdcg()));
        }
        b.append("; warm items' content share ").append(fmt(c.warmContentWeight()));
        MapChoice m = f.mapChoice();
        if (!Double.isNaN(m.mlpNdcg())) {
            b.append("; map ").append(m.map()).append(" (ridge ").append(fmt(m.ridgeNdcg())).append(", mlp ")
                    .append(fmt(m.mlpNdcg())).append(")");
        }
        return b.toString();
    }

    /** What fit chose (weights, penalty, validation figures); null before fit. */
    public Choice choice() {
        Fitted f = fitted.orNull();
        return f == null ? null : f.choice();
    }

    private static int count(boolean[] b) {
        int c = 0;
        for (boolean x : b) {
            c += x ? 1 : 0;
        }
        return c;
    }

    private static int countPositive(double[] w) {
        int c = 0;
        for (double x : w) {
            c += x > 0 ? 1 : 0;
        }
        return c;
    }

    private static String describe(Map<Modality, Double> weights) {
        StringJoiner j = new StringJoiner(", ");
        weights.forEach((mod, w) -> j.add(mod.key() + " " + fmt(w)));
        return j.toString();
    }

    private static String fmt(double x) {
        return String.format(Locale.ROOT, "%.4g", x);
    }
}
