package dev.braid.plugin.fusion;

import dev.braid.api.component.BraidComponent;
import dev.braid.api.component.ProgressListener;
import dev.braid.api.compute.ComputeBackend;
import dev.braid.api.data.Modality;
import dev.braid.api.fusion.FusionInput;
import dev.braid.api.fusion.FusionStrategy;
import dev.braid.api.fusion.ModalityVectors;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Weighted sum in a common space.
 *
 * <p>{@link #fit} learns, per fused modality, a {@link ModalityProjector}: per-dimension standardisation (clamped),
 * then a linear map to {@code dimension} (principal components fitted on the catalog, a seeded orthogonal random
 * projection, or none when the modalities already share a space). {@link #fuse} maps each present modality to a
 * unit vector {@code u_m} and returns {@code Σ_{m∈P} (w_m / Σ_{k∈P} w_k) u_m}, computed with the backend's
 * {@code weightedSum}.
 *
 * <p><b>Missing modalities.</b> {@code P} is the set of fused modalities with weight {@code > 0} that the item has:
 * absent modalities are masked out and the weights renormalised over the present ones (never a zero vector standing
 * in for an absent one). Example: weights text=3, image=1; a complete item fuses to {@code 0.75 u_text +
 * 0.25 u_image}, a text-only item to {@code u_text}. An item with no modality in {@code P} fuses to {@code null}.
 *
 * <p>Thread-safe after {@link #fit}.
 */
@BraidComponent(name = "weighted-sum", config = WeightedSumConfig.class,
        description = "projects each modality to a common dimension (PCA, random orthogonal or none) and sums the "
                + "unit vectors with weights renormalised over present modalities")
public final class WeightedSumFusion implements FusionStrategy {
    private static final Logger LOG = LoggerFactory.getLogger(WeightedSumFusion.class);
    static final String NAME = "weighted-sum";

    private final WeightedSumConfig config;
    private final Map<Modality, Double> configuredWeights;
    private final Set<Modality> configuredModalities;
    private final ModalityProjector.Settings settings;
    private final ComputeBackend backend;
    private volatile Fitted fitted;

    /** @throws IllegalArgumentException naming the parameter that is out of range */
    public WeightedSumFusion(WeightedSumConfig config, ComputeBackend backend) {
        this.config = config;
        this.backend = Objects.requireNonNull(backend, "backend");
        this.configuredWeights = Modality.parseWeights("weights", config.weights());
        this.configuredModalities = Modality.parseAll("modalities", config.modalities());
        if (config.dimension() < 1) {
            throw new IllegalArgumentException("dimension: must be >= 1, got " + config.dimension());
        }
        this.settings = config.reduction().settings(config.dimension());
    }

    @Override
    public void fit(FusionInput input, ProgressListener progress) {
        Set<Modality> use = FusionParams.select(NAME, configuredModalities, input);
        progress.start(NAME + ": fitting " + settings.kind().key() + " projections", use.size());
        List<ModalityProjector> projectors = new ArrayList<>();
        EnumMap<Modality, Double> weights = new EnumMap<>(Modality.class);
        for (Modality m : use) {
            ModalityProjector p = ModalityProjector.fit(NAME, m, input.modalities().get(m), settings, input.seed(),
                    backend);
            projectors.add(p);
            weights.put(m, configuredWeights.getOrDefault(m, 1.0));
            LOG.info("{}: {} {} -> {} ({} projection, {}% of the squared norm kept)", NAME, m.key(), p.proj().in(),
                    p.proj().out(), settings.kind().key(), Math.round(p.proj().explained() * 1000) / 10.0);
            progress.advance(1);
        }
        progress.finish();
        if (weights.values().stream().allMatch(w -> w == 0)) {
            throw new IllegalArgumentException("weights: every fused modality (" + FusionParams.keys(use)
                    + ") has weight 0; give at least one a weight > 0");
        }
        fitted = new Fitted(List.copyOf(projectors), Collections.unmodifiableMap(weights));
    }

    @Override
    public int dimension() {
        requireFitted();
        return config.dimension();
    }

    @Override
    public float[] fuse(ModalityVectors vectors) {
        Fitted f = requireFitted();
        List<float[]> units = new ArrayList<>();
        List<Double> ws = new ArrayList<>();
        double total = 0;
        for (ModalityProjector p : f.projectors()) {
            double w = f.weights().get(p.modality());
            if (w > 0 && vectors.has(p.modality())) {
                units.add(p.unit(NAME, vectors.get(p.modality()).orElseThrow(), backend));
                ws.add(w);
                total += w;
            }
        }
        if (units.isEmpty()) {
            return null;
        }
        // renormalised over the modalities this item has
        return ModalityProjector.weightedSum(backend, units, ws, total, config.dimension());
    }

    /** The configured weights of the fused modalities, normalised to sum 1 (for a complete item). */
    @Override
    public Map<Modality, Double> modalityWeights() {
        Fitted f = fitted;
        if (f == null) {
            return Map.of();
        }
        double total = f.weights().values().stream().mapToDouble(Double::doubleValue).sum();
        EnumMap<Modality, Double> w = new EnumMap<>(Modality.class);
        f.weights().forEach((m, v) -> w.put(m, v / total));
        return Collections.unmodifiableMap(w);
    }

    private Fitted requireFitted() {
        Fitted f = fitted;
        if (f == null) {
            throw new IllegalStateException(NAME + " fusion is used before fit()");
        }
        return f;
    }

    private record Fitted(List<ModalityProjector> projectors, Map<Modality, Double> weights) {
    }
}
