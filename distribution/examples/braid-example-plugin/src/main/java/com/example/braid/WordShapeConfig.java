package com.example.braid;

import dev.braid.api.component.Param;

/**
 * Parameters of {@link WordShapeEncoder}: each one is a YAML key under the encoder's name.
 *
 * @param dimension  length of the vectors
 * @param lowercase  whether to lower-case the text first
 */
public record WordShapeConfig(
        @Param(description = "vector length (hash buckets)", defaultValue = "64", min = 8, max = 4096)
        int dimension,
        @Param(description = "lower-case the text before hashing", defaultValue = "true")
        boolean lowercase) {
}
