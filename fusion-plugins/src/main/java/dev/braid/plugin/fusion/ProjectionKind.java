package dev.braid.plugin.fusion;

import java.util.Locale;

/** How a modality is mapped to the common dimension of {@code weighted-sum} and {@code gated}. */
enum ProjectionKind {
    /** Principal components fitted on the catalog (randomised range finder with power iterations). */
    PCA,
    /** A seeded random projection with orthonormal columns (or rows, when widening). */
    RANDOM,
    /** No projection: every fused modality must already have the common dimension (a shared space). */
    NONE;

    static ProjectionKind parse(String value) {
        for (ProjectionKind k : values()) {
            if (k.name().equalsIgnoreCase(value == null ? "" : value.trim())) {
                return k;
            }
        }
        throw new IllegalArgumentException("projection: expected pca, random or none, got '" + value + "'");
    }

    String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
