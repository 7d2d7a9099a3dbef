package dev.braid.plugin.fusion;

import dev.braid.api.component.BraidComponent;
import dev.braid.api.component.ProgressListener;
import dev.braid.api.data.FeatureMatrix;
import dev.braid.api.data.Modality;
import dev.braid.api.fusion.FusionInput;
import dev.braid.api.fusion.FusionStrategy;
import dev.braid.api.fusion.ModalityVectors;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * <p>Thread-safe after {@link #fit}.
 */
@BraidComponent(name = "concat", config = ConcatConfig.class,
        description = "concatenates per-modality standardised, L2-normalised, weighted blocks; renormalises over "
                + "present modalities")
public final class ConcatFusion implements FusionStrategy {
    private static final Logger LOG = LoggerFactory.getLogger(ConcatFusion.class);

    private final Map<Modality, Double> configuredWeights;
    private final Set<Modality> configuredModalities;
    private final double minStdRatio;
    private volatile Fitted fitted;

    /**
     * @throws IllegalArgumentException when a weight names an unknown modality or is negative, or when
     *                                  {@code modalities} names an unknown modality
     */
    public ConcatFusion(ConcatConfig config) {
        if (!(config.minStdRatio() >= 0)) {
            throw new IllegalArgumentException("minStdRatio: must be >= 0, got " + config.minStdRatio());
        }
        this.configuredWeights = FusionParams.weights(config.weights());
        this.configuredModalities = FusionParams.modalities(config.modalities());
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
        double totalSq = 0;
        for (Modality m : use) {
            FeatureMatrix matrix = input.modalities().get(m);
            double w = configuredWeights.getOrDefault(m, 1.0);
            blocks.add(Block.fit(m, offset, w, matrix, minStdRatio));
            if (matrix.presentCount() == 0) {
                LOG.warn("concat: no item has a {} vector; its block will always be empty", m.key());
            }
            offset += matrix.dim();
            totalSq += w * w;
            progress.advance(1);
        }
        progress.finish();
        if (totalSq == 0) {
            throw new IllegalArgumentException("weights: every fused modality (" + FusionParams.keys(use)
                    + ") has weight 0; give at least one a weight > 0");
        }
        fitted = new Fitted(List.copyOf(blocks), offset, totalSq);
        LOG.info("concat: fitted {} modalities, dimension {}", blocks.size(), offset);
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

    /** The configured weight of each fused modality (before renormalisation); empty before {@link #fit}. */
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
    private record Fitted(List<Block> blocks, int dimension, double totalWeightSq) {
    }
}
