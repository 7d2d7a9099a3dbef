package dev.braid.plugin.content;

import dev.braid.api.component.BraidComponent;
import dev.braid.api.component.ProgressListener;
import dev.braid.api.compute.ComputeBackend;
import dev.braid.api.compute.UnitVectors;
import dev.braid.api.data.FeatureMatrix;
import dev.braid.api.data.InteractionMatrix;
import dev.braid.api.data.Modality;
import dev.braid.api.fusion.SimplexGrid;
import dev.braid.api.generator.FitState;
import dev.braid.api.generator.Generator;
import dev.braid.api.generator.Query;
import dev.braid.api.generator.Scores;
import dev.braid.api.generator.TrainingData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Late (score-level) fusion: one content-profile scorer per modality, combined with fitted weights.
 *
 * <p><b>Per modality.</b> It reads the modality's own matrix ({@code ItemFeatures.modality(m)}, not the fused one),
 * centres it on the mean of the present rows and scales rows to unit length. A user's profile in {@code m} is the
 * unit mean of their history items that have {@code m}; {@code s_m(i) = cos(profile_m, x_m(i))}, computed with the
 * backend's {@code matvec}, then standardised over the items that have {@code m} (z-scores per user), so the
 * modalities' scores are on one scale.
 *
 * <p><b>Combination.</b> {@code score(i) = Σ_{m∈P(u,i)} w_m z_m(i) / Σ_{m∈P(u,i)} w_m}, where {@code P(u,i)} is the
 * modalities with weight {@code > 0} that the item has and the user has a profile in: missing modalities are masked
 * and the weights renormalised. Items with no usable modality get {@link Float#NEGATIVE_INFINITY}.
 *
 * <p><b>Fitting the weights</b> (when {@code weights} is empty): a seeded {@code validationFraction} of each
 * user's training interactions is held out; profiles come from the rest; every weight vector on the simplex grid of
 * step {@code gridStep} is scored by the mean recall@{@code k} of the held-out items over (at most
 * {@code validationUsers}) users, the user's other training items excluded; the best wins (ties: the one closest to
 * equal weights). The final profiles use all training interactions.
 *
 * <p>Model-based: it overwrites incoming scores except negative infinity. Unknown users get 0 everywhere. Query
 * vectors are not used (they live in the fused space). In a configuration it is a generator; the pipeline's fusion
 * strategy is not used by it: <pre>{@code
 * variants:
 *   - {name: late, generators: [late-fusion]}                       # weights fitted
 *   - {name: late-fixed, generators: [{name: late-fusion, weights: {text: 0.6, image: 0.2, audio: 0.2}}]}
 * }</pre>
 */
@BraidComponent(name = "late-fusion", config = LateFusionConfig.class,
        description = "score-level fusion: per-modality content-profile scores (z-scored), combined with weights "
                + "fitted on a validation split and renormalised over present modalities")
public final class LateFusionGenerator implements Generator {
    private static final Logger LOG = LoggerFactory.getLogger(LateFusionGenerator.class);
    static final String NAME = "late-fusion";

    private final LateFusionConfig config;
    private final ComputeBackend backend;
    private final Map<Modality, Double> fixedWeights;
    private final Set<Modality> configuredModalities;
    private final FitState<Fitted> fitted = new FitState<>(NAME);

    /** @throws IllegalArgumentException naming a bad weight or modality */
    public LateFusionGenerator(LateFusionConfig config, ComputeBackend backend) {
        this.config = config;
        this.backend = Objects.requireNonNull(backend, "backend");
        this.fixedWeights = Modality.parseWeights("weights", config.weights());
        this.configuredModalities = Modality.parseAll("modalities", config.modalities());
        if (!(config.gridStep() > 0 && config.gridStep() <= 1)) {
            throw new IllegalArgumentException("gridStep: must be in (0, 1], got " + config.gridStep());
        }
        if (!(config.validationFraction() > 0 && config.validationFraction() < 1)) {
            throw new IllegalArgumentException("validationFraction: must be in (0, 1), got "
                    + config.validationFraction());
        }
    }

    @Override
    public void fit(TrainingData data, ProgressListener progress) {
        Map<Modality, FeatureMatrix> all = data.features().modalities();
        List<Modality> use = new ArrayList<>();
        for (Modality m : Modality.values()) {
            if (all.containsKey(m) && (configuredModalities.isEmpty() || configuredModalities.contains(m))) {
                use.add(m);
            }
        }
        for (Modality m : configuredModalities) {
            if (!all.containsKey(m)) {
                throw new IllegalArgumentException("modalities: '" + m.key() + "' is listed but the pipeline encodes "
                        + "only " + all.keySet().stream().map(Modality::key).toList());
            }
        }
        if (use.isEmpty()) {
            throw new IllegalStateException(NAME + " needs per-modality item vectors, but the pipeline encodes no "
                    + "modality");
        }
        int n = data.catalog().size();
        Scorer[] scorers = new Scorer[use.size()];
        for (int m = 0; m < scorers.length; m++) {
            scorers[m] = Scorer.of(all.get(use.get(m)), n, backend);
        }
        double[] weights;
        if (!fixedWeights.isEmpty()) {
            weights = use.stream().mapToDouble(m -> fixedWeights.getOrDefault(m, 1.0)).toArray();
            if (Arrays.stream(weights).allMatch(w -> w == 0)) {
                throw new IllegalArgumentException("weights: every scored modality has weight 0");
            }
        } else {
            weights = fitWeights(scorers, data.interactions(), data.seed(), progress);
        }
        EnumMap<Modality, Double> report = new EnumMap<>(Modality.class);
        double total = Arrays.stream(weights).sum();
        for (int m = 0; m < weights.length; m++) {
            report.put(use.get(m), weights[m] / total);
        }
        fitted.set(new Fitted(List.copyOf(use), scorers, weights, data.interactions(),
                Collections.unmodifiableMap(report)));
        LOG.info("{}: weights {}{}", NAME, report, fixedWeights.isEmpty() ? " (fitted on a validation split)"
                : " (configured)");
    }

    /** The weight of each scored modality, normalised to sum 1 (after fit). */
    public Map<Modality, Double> weights() {
        Fitted f = fitted.orNull();
        return f == null ? Map.of() : f.report();
    }

    @Override
    public void score(Query query, float[] scores) {
        Fitted f = fitted.get();
        int n = scores.length;
        Scores.requireSlots(NAME, scores, f.scorers()[0].rows);
        int u = query.user() == null ? -1 : f.interactions().userIndex(query.user());
        int[] history = u < 0 ? new int[0] : f.interactions().items(u);
        float[][] z = zScores(f.scorers(), history);
        boolean any = false;
        for (float[] zm : z) {
            any |= zm != null;
        }
        if (!any) {
            Scores.fill(0f, scores);
            return;
        }
        float[] combined = new float[n];
        combine(f.scorers(), z, f.weights(), combined);
        Scores.overwrite(combined, scores);
    }

    /** Per modality: the user's z-scored cosine scores, or null when the user has no history item with it. */
    private float[][] zScores(Scorer[] scorers, int[] history) {
        float[][] z = new float[scorers.length][];
        for (int m = 0; m < scorers.length; m++) {
            float[] profile = scorers[m].profile(history);
            if (profile != null) {
                z[m] = scorers[m].zScores(profile, backend);
            }
        }
        return z;
    }

    /** Weighted, renormalised combination over the modalities each item has; -inf where none. */
    private static void combine(Scorer[] scorers, float[][] z, double[] w, float[] out) {
        for (int i = 0; i < out.length; i++) {
            double s = 0;
            double total = 0;
            for (int m = 0; m < scorers.length; m++) {
                if (z[m] != null && w[m] > 0 && scorers[m].present.get(i)) {
                    s += w[m] * z[m][i];
                    total += w[m];
                }
            }
            out[i] = total > 0 ? (float) (s / total) : Float.NEGATIVE_INFINITY;
        }
    }

    private double[] fitWeights(Scorer[] scorers, InteractionMatrix interactions, long seed,
                                ProgressListener progress) {
        int mCount = scorers.length;
        if (mCount == 1) {
            return new double[] {1};
        }
        SplittableRandom rnd = new SplittableRandom(seed ^ 0x1A7EL);
        List<int[]> fitParts = new ArrayList<>();
        List<int[]> valParts = new ArrayList<>();
        for (int u = 0; u < interactions.numUsers(); u++) {
            int[] items = interactions.items(u);
            List<Integer> fit = new ArrayList<>();
            List<Integer> val = new ArrayList<>();
            for (int i : items) {
                (items.length >= 2 && rnd.nextDouble() < config.validationFraction() ? val : fit).add(i);
            }
            if (fit.isEmpty() && !val.isEmpty()) {
                fit.add(val.remove(0));
            }
            if (!val.isEmpty()) {
                fitParts.add(fit.stream().mapToInt(Integer::intValue).toArray());
                valParts.add(val.stream().mapToInt(Integer::intValue).toArray());
            }
        }
        // a seeded sample of the users with held-out items
        int[] order = new int[fitParts.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int i = order.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int users = Math.min(order.length, config.validationUsers());
        List<double[]> grid = SimplexGrid.points(mCount, config.gridStep());
        double[] recall = new double[grid.size()];
        int n = scorers[0].rows;
        float[] combined = new float[n];
        progress.start(NAME + ": fitting weights on " + users + " validation users", users);
        for (int k = 0; k < users; k++) {
            int[] fit = fitParts.get(order[k]);
            int[] val = valParts.get(order[k]);
            float[][] z = zScores(scorers, fit);
            boolean[] excluded = new boolean[n];
            for (int i : fit) {
                excluded[i] = true;
            }
            for (int g = 0; g < grid.size(); g++) {
                combine(scorers, z, grid.get(g), combined);
                recall[g] += recallAtK(combined, excluded, val, config.k());
            }
            progress.advance(1);
        }
        progress.finish();
        double[] uniform = new double[mCount];
        Arrays.fill(uniform, 1.0 / mCount);
        int best = 0;
        for (int g = 1; g < grid.size(); g++) {
            double diff = recall[g] - recall[best];
            if (diff > 1e-12 || (Math.abs(diff) <= 1e-12
                    && distance(grid.get(g), uniform) < distance(grid.get(best), uniform))) {
                best = g;
            }
        }
        LOG.info("{}: {} weight vectors on {} validation users; best recall@{} {} (equal weights {})", NAME,
                grid.size(), users, config.k(), users == 0 ? 0 : recall[best] / users,
                users == 0 ? 0 : recall[indexOfClosest(grid, uniform)] / users);
        return users == 0 ? uniform : grid.get(best);
    }

    private static int indexOfClosest(List<double[]> grid, double[] target) {
        int best = 0;
        for (int g = 1; g < grid.size(); g++) {
            if (distance(grid.get(g), target) < distance(grid.get(best), target)) {
                best = g;
            }
        }
        return best;
    }

    private static double distance(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return s;
    }

    /** Share of {@code relevant} among the top {@code k} scores, excluded items and -inf left out. */
    static double recallAtK(float[] scores, boolean[] excluded, int[] relevant, int k) {
        int hits = 0;
        for (int r : relevant) {
            float s = scores[r];
            if (s == Float.NEGATIVE_INFINITY) {
                continue;
            }
            int better = 0;
            for (int i = 0; i < scores.length && better < k; i++) {
                if (!excluded[i] && i != r && (scores[i] > s || (scores[i] == s && i < r))) {
                    better++;
                }
            }
            if (better < k) {
                hits++;
            }
        }
        return relevant.length == 0 ? 0 : hits / (double) relevant.length;
    }

    private record Fitted(List<Modality> modalities, Scorer[] scorers, double[] weights,
                          InteractionMatrix interactions, Map<Modality, Double> report) {
    }

    /** One modality's centred unit item vectors and its scoring. */
    private static final class Scorer {
        final int rows;
        final int dim;
        final float[] unit;
        final java.util.BitSet present;

        private Scorer(int rows, int dim, float[] unit, java.util.BitSet present) {
            this.rows = rows;
            this.dim = dim;
            this.unit = unit;
            this.present = present;
        }

        static Scorer of(FeatureMatrix matrix, int n, ComputeBackend backend) {
            if (matrix.rows() != n) {
                throw new IllegalArgumentException(NAME + ": a modality matrix has " + matrix.rows()
                        + " rows but the catalog has " + n + " items");
            }
            int dim = matrix.dim();
            double[] mean = new double[dim];
            java.util.BitSet present = matrix.presence();
            float[] v = matrix.sharedValues();
            int count = present.cardinality();
            for (int r = present.nextSetBit(0); r >= 0; r = present.nextSetBit(r + 1)) {
                for (int d = 0; d < dim; d++) {
                    mean[d] += v[r * dim + d];
                }
            }
            float[] unit = new float[n * dim];
            for (int r = present.nextSetBit(0); r >= 0; r = present.nextSetBit(r + 1)) {
                for (int d = 0; d < dim; d++) {
                    unit[r * dim + d] = (float) (v[r * dim + d] - mean[d] / count);
                }
            }
            backend.l2NormalizeRows(unit, n, dim);
            return new Scorer(n, dim, unit, present);
        }

        /** Unit mean of the history items that have this modality, or null. */
        float[] profile(int[] history) {
            double[] acc = new double[dim];
            boolean any = false;
            for (int i : history) {
                if (present.get(i)) {
                    any = true;
                    for (int d = 0; d < dim; d++) {
                        acc[d] += unit[i * dim + d];
                    }
                }
            }
            return any ? UnitVectors.unitOrNull(acc) : null;
        }

        /** Cosine scores standardised over the items that have this modality (0 elsewhere). */
        float[] zScores(float[] profile, ComputeBackend backend) {
            float[] s = new float[rows];
            backend.matvec(unit, rows, dim, profile, s);
            double mean = 0;
            int count = present.cardinality();
            for (int i = present.nextSetBit(0); i >= 0; i = present.nextSetBit(i + 1)) {
                mean += s[i];
            }
            mean /= Math.max(1, count);
            double var = 0;
            for (int i = present.nextSetBit(0); i >= 0; i = present.nextSetBit(i + 1)) {
                var += (s[i] - mean) * (s[i] - mean);
            }
            double std = Math.sqrt(var / Math.max(1, count));
            double inv = std > 1e-9 ? 1 / std : 0;
            float[] z = new float[rows];
            for (int i = present.nextSetBit(0); i >= 0; i = present.nextSetBit(i + 1)) {
                z[i] = (float) ((s[i] - mean) * inv);
            }
            return z;
        }
    }
}
