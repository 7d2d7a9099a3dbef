package dev.braid.plugin.fusion;

import dev.braid.api.component.Param;
import dev.braid.api.io.Fingerprint;
import java.util.Locale;

/**
 * How the projecting fusion strategies ({@code weighted-sum}, {@code gated}, {@code transformer}) bring each modality
 * to their common dimension ({@link ModalityProjector}). A {@link dev.braid.api.component.ParamGroup} of their
 * configurations: its keys sit beside theirs.
 *
 * @param projection      {@code pca} (fitted on the catalog), {@code random} (seeded orthogonal) or {@code none} (the
 *                        modalities already share a space of the common dimension)
 * @param standardise     standardise each modality per dimension before projecting
 * @param minStdRatio     std floor relative to the modality's mean spread (see {@link Standardizer})
 * @param powerIterations power iterations of the randomised PCA (more: closer to exact, slower)
 */
public record ProjectionParams(
        @Param(description = "projection to the common dimension: pca (fitted on the catalog), random (seeded "
                + "orthogonal) or none (modalities already share the space)", defaultValue = "pca") String projection,
        @Param(description = "standardise each modality per dimension before projecting", defaultValue = "true")
        boolean standardise,
        @Param(description = "std floor relative to the modality's mean spread", defaultValue = "0.01", min = 0)
        double minStdRatio,
        @Param(description = "power iterations of the randomised PCA", defaultValue = "1", min = 0, max = 10)
        int powerIterations) {

    /** @throws IllegalArgumentException naming the parameter that is out of range */
    public ProjectionParams {
        ProjectionKind.parse(projection);
        if (!(minStdRatio >= 0)) {
            throw new IllegalArgumentException("minStdRatio: must be >= 0, got " + minStdRatio);
        }
        if (powerIterations < 0) {
            throw new IllegalArgumentException("powerIterations: must be >= 0, got " + powerIterations);
        }
    }

    /** The defaults with this projection ({@code pca}, {@code random} or {@code none}). */
    public static ProjectionParams of(String projection) {
        return new ProjectionParams(projection, true, 0.01, 1);
    }

    /** What {@link ModalityProjector} needs to project to {@code dimension}. */
    ModalityProjector.Settings settings(int dimension) {
        return new ModalityProjector.Settings(ProjectionKind.parse(projection), dimension, standardise, minStdRatio,
                powerIterations);
    }

    /** Mixes every parameter into a fingerprint. */
    long fingerprint(long h) {
        h = Fingerprint.mix(h, projection.trim().toLowerCase(Locale.ROOT));
        h = Fingerprint.mix(h, standardise ? 1 : 0);
        h = Fingerprint.mix(h, minStdRatio);
        return Fingerprint.mix(h, powerIterations);
    }
}
