package com.example.braid;

import dev.braid.api.component.Param;

/**
 * Parameters of {@link MeanFusion}.
 *
 * @param normalize whether each modality's vector is L2-normalised before averaging
 */
public record MeanFusionConfig(
        @Param(description = "L2-normalise each modality's vector before averaging", defaultValue = "true")
        boolean normalize) {
}
