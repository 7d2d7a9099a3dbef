package dev.braid.plugin.fusion;

import dev.braid.api.component.BraidComponent;
import dev.braid.api.component.ProgressListener;
import dev.braid.api.data.FeatureMatrix;
import dev.braid.api.data.InteractionMatrix;
import dev.braid.api.data.Modality;
import dev.braid.api.fusion.FusionInput;
import dev.braid.api.fusion.FusionStrategy;
import dev.braid.api.fusion.SimplexGrid;
import dev.braid.api.fusion.ModalityVectors;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Concatenation with per-modality standardisation.
 *
 * <p>{@link #fit} learns, for each fused modality, the mean and (population) standard deviation of every dimension
 * over the items that have that modality. {@link #fuse} then builds one block per modality, in {@link Modality}
 * order: {@code z = (x - mean) / std} (a dimension with zero spread maps to 0, a tiny spread is clamped from
 * below at {@code minStdRatio} times the modality's mean spread; see {@link Standardizer}), {@code u = z / ||z||} (a zero
 * {@code z} stays zero), block {@code = w_m * s * u}.
 *
 * <p><b>Missing modalities.</b> Let {@code W} be the set of fused modalities with weight {@code > 0} and
 * {@code P ⊆ W} those the item has. Absent blocks are zeros, and the present blocks are scaled by
 * {@code s = sqrt(Σ_{m∈W} w_m² / Σ_{m∈P} w_m²)}, so every fused vector has the same L2 norm
 * {@code sqrt(Σ_{m∈W} w_m²)} as a complete item and the present modalities keep their relative weights.
 * Example: weights text=3, image=4; a complete item has norm 5 (text block norm 3, image block norm 4); a
 * text-only item has a text block of norm 5 and a zero image block. Dot products between fused vectors are thus
 * a fixed multiple of cosine similarities. An item with no modality in {@code W} fuses to {@code null}.
 *
 * <p><b>Validated weights.</b> When {@link FusionInput#interactions()} is given, the configuration fixes no weight
 * and {@code validateWeights} is on (the default), the weights are chosen on a seeded validation split of the
 * training interactions: every point of a simplex grid ({@code gridStep}) and equal weights are scored with the
 * learned strategies' objective (validation AUC of the content-profile cosine, {@link WeightedBlocksObjective}) and
 * the best is kept. The grid's corners are the single modalities, so the chosen weights never score below the best
 * single modality on validation. Without interactions every unlisted weight is 1.
 *
 * <p>Thread-safe after {@link #fit}.
 */
@BraidComponent(name = "concat", config = ConcatConfig.class,
        description = "concatenates per-modality standardised, L2-normalised, weighted blocks; renormalises over "
                + "present modalities; weights chosen on a validation split when interactions are given")
public final class ConcatFusion implements FusionStrategy {
    private static final Logger LOG = LoggerFactory.getLogger(ConcatFusion.class);

    /** Mixed into the seed of the weight search's validation split. */
    private static final long SPLIT_SEED = 0x3C6EF372FE94F82BL;

    private final ConcatConfig config;
    private final Map<Modality, Double> configuredWeights;
    private final Set<Modality> configuredModalities;
    private final double minStdRatio;
    private volatile Fitted fitted;

    /**
     * @throws IllegalArgumentException when a weight names an unknown modality or is negative, when
     *                                  {@code modalities} names an unknown modality, or when a search parameter is out
     *                                  of range
     */
    public ConcatFusion(ConcatConfig config) {
        if (!(config.minStdRatio() >= 0)) {
            throw new IllegalArgumentException("minStdRatio: must be >= 0, got " + config.minStdRatio());
        }
        if (!(config.gridStep() > 0 && config.gridStep() <= 1)) {
            throw new IllegalArgumentException("gridStep: must be in (0, 1], got " + config.gridStep());
        }
        if (!(config.validationFraction() > 0 && config.validationFraction() <= 0.5)) {
            throw new IllegalArgumentException("validationFraction: must be in (0, 0.5], got "
                    + config.validationFraction());
        }
        if (config.validationNegatives() < 1) {
            throw new IllegalArgumentException("validationNegatives: must be >= 1, got "
                    + config.validationNegatives());
        }
        Holdout.parse("validationHoldout", config.validationHoldout());
        this.config = config;
        this.configuredWeights = Modality.parseWeights("weights", config.weights());
        this.configuredModalities = Modality.parseAll("modalities", config.modalities());
        this.minStdRatio = config.minStdRatio();
    }

    @Override
    public void fit(FusionInput input, ProgressListener progress) {
        Set<Modality> use = FusionParams.select("concat", configuredModalities, input);
        for (Modality m : configuredWeights.keySet()) {
            if (!use.contains(m)) {
                LOG.warn("concat: weights.{} is set but {} is not fused (fused: {})", m.key(), m.key(),
                        FusionParams.keys(use));
            }
        }
        progress.start("concat: modality statistics", use.size());
        List<Block> blocks = new ArrayList<>();
        int offset = 0;
        for (Modality m : use) {
            FeatureMatrix matrix = input.modalities().get(m);
            double w = configuredWeights.getOrDefault(m, 1.0);
            blocks.add(Block.fit(m, offset, w, matrix, minStdRatio));
            if (matrix.presentCount() == 0) {
                LOG.warn("concat: no item has a {} vector; its block will always be empty", m.key());
            }
            offset += matrix.dim();
            progress.advance(1);
        }
        progress.finish();
        String summary = "";
        if (config.validateWeights() && input.interactions() != null && blocks.size() > 1) {
            if (configuredWeights.isEmpty()) {
                Search s = search(blocks, input, progress);
                if (s != null) {
                    blocks = s.blocks();
                    summary = s.summary();
                }
            } else {
                LOG.info("concat: weights fixed by the configuration ({}); no validation search",
                        config.weights());
                summary = "weights fixed by the configuration";
            }
        }
        double totalSq = 0;
        for (Block b : blocks) {
            totalSq += b.weight() * b.weight();
        }
        if (totalSq == 0) {
            throw new IllegalArgumentException("weights: every fused modality (" + FusionParams.keys(use)
                    + ") has weight 0; give at least one a weight > 0");
        }
        fitted = new Fitted(List.copyOf(blocks), offset, totalSq, summary);
        LOG.info("concat: fitted {} modalities, dimension {}, weights {}", blocks.size(), offset,
                modalityWeights());
    }

    /** The searched weights: blocks with their new weights and a line for reports. */
    private record Search(List<Block> blocks, String summary) {
    }

    /**
     * Scores every weight vector of the simplex grid (and equal weights) with the validation AUC of the learned
     * strategies on a seeded split of the training interactions; keeps the best, on ties the one nearest to equal
     * weights. The grid's corners are the single modalities, so the chosen weights never score below the best
     * single modality on validation. Null when nothing is held out (the weights stay 1).
     */
    private Search search(List<Block> blocks, FusionInput input, ProgressListener progress) {
        int n = input.catalog().size();
        boolean[] usable = new boolean[n];
        int count = 0;
        for (Block b : blocks) {
            FeatureMatrix matrix = input.modalities().get(b.modality());
            for (int i = 0; i < n; i++) {
                if (!usable[i] && matrix.isPresent(i)) {
                    usable[i] = true;
                    count++;
                }
            }
        }
        if (count == 0) {
            return null;
        }
        InteractionSplit split = validationSplit(config, usable, input.interactions(), input.seed());
        WeightedBlocksObjective objective = new WeightedBlocksObjective(blocks, input, split);
        if (!objective.hasValidation()) {
            LOG.warn("concat: no user has enough training interactions to hold some out; weights stay 1");
            return null;
        }
        int mCount = blocks.size();
        List<double[]> grid = SimplexGrid.points(mCount, config.gridStep());
        progress.start("concat: scoring " + (grid.size() + 1) + " weightings on validation", grid.size() + 1);
        double[] equal = new double[mCount];
        java.util.Arrays.fill(equal, 1.0 / mCount);
        double equalAuc = objective.auc(equal);
        progress.advance(1);
        double[] best = equal;
        double bestAuc = equalAuc;
        for (double[] w : grid) {
            double auc = objective.auc(w);
            if (auc > bestAuc || (auc == bestAuc && distance(w, equal) < distance(best, equal))) {
                best = w;
                bestAuc = auc;
            }
            progress.advance(1);
        }
        progress.finish();
        List<String> singles = new ArrayList<>();
        List<String> chosen = new ArrayList<>();
        List<Block> out = new ArrayList<>();
        for (int m = 0; m < mCount; m++) {
            Block b = blocks.get(m);
            singles.add(b.modality().key() + " alone " + BestInputRule.fmt(objective.single(m)));
            chosen.add(String.format(Locale.ROOT, "%s %.2f", b.modality().key(), best[m]));
            out.add(new Block(b.modality(), b.offset(), b.dim(), best[m], b.stats()));
        }
        String summary = String.format(Locale.ROOT, "weights %s chosen on validation from %d candidates: AUC %s "
                        + "(equal weights %s; %s)", String.join(", ", chosen), grid.size() + 1,
                BestInputRule.fmt(bestAuc), BestInputRule.fmt(equalAuc), String.join(", ", singles));
        LOG.info("concat: {} ({} validation pairs)", summary, split.validation.size());
        return new Search(List.copyOf(out), summary);
    }

    /** The split the weight search scores on for a seed. */
    static InteractionSplit validationSplit(ConcatConfig config, boolean[] usable, InteractionMatrix interactions,
                                            long seed) {
        return new InteractionSplit(interactions, usable, Holdout.parse("validationHoldout",
                config.validationHoldout()), config.validationFraction(), config.validationNegatives(),
                new SplittableRandom(seed ^ SPLIT_SEED));
    }

    private static double distance(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return s;
    }

    @Override
    public int dimension() {
        return requireFitted().dimension();
    }

    @Override
    public float[] fuse(ModalityVectors vectors) {
        Fitted f = requireFitted();
        double presentSq = 0;
        for (Block b : f.blocks()) {
            if (b.weight() > 0 && vectors.has(b.modality())) {
                presentSq += b.weight() * b.weight();
            }
        }
        if (presentSq == 0) {
            return null;
        }
        double scale = Math.sqrt(f.totalWeightSq() / presentSq);
        float[] out = new float[f.dimension()];
        for (Block b : f.blocks()) {
            if (b.weight() > 0 && vectors.has(b.modality())) {
                b.write(vectors.get(b.modality()).orElseThrow(), b.weight() * scale, out);
            }
        }
        return out;
    }

    /** What fit chose: the searched weights and their validation figures; empty when the search did not run. */
    @Override
    public String fitSummary() {
        Fitted f = fitted;
        return f == null ? "" : f.summary();
    }

    /**
     * The weight of each fused modality (before renormalisation): configured, searched on validation (summing to
     * 1), or 1 each; empty before {@link #fit}.
     */
    @Override
    public Map<Modality, Double> modalityWeights() {
        Fitted f = fitted;
        if (f == null) {
            return Map.of();
        }
        EnumMap<Modality, Double> w = new EnumMap<>(Modality.class);
        f.blocks().forEach(b -> w.put(b.modality(), b.weight()));
        return Collections.unmodifiableMap(w);
    }

    private Fitted requireFitted() {
        Fitted f = fitted;
        if (f == null) {
            throw new IllegalStateException("concat fusion is used before fit()");
        }
        return f;
    }

    /** What fit learned; immutable. */
    private record Fitted(List<Block> blocks, int dimension, double totalWeightSq, String summary) {
    }
}
