package com.example.braid;

import dev.braid.api.component.BraidComponent;
import dev.braid.api.component.ProgressListener;
import dev.braid.api.data.FeatureMatrix;
import dev.braid.api.data.Modality;
import dev.braid.api.fusion.FusionInput;
import dev.braid.api.fusion.FusionStrategy;
import dev.braid.api.fusion.ModalityVectors;
import java.util.Map;

/**
 * Averages the modality vectors an item has (all modalities must share one dimension). A missing modality is left
 * out of the mean, never counted as zeros.
 */
@BraidComponent(name = "mean", config = MeanFusionConfig.class,
        description = "mean of the present modality vectors (equal dimensions)")
public final class MeanFusion implements FusionStrategy {
    private final MeanFusionConfig config;
    private int dimension = -1;

    public MeanFusion(MeanFusionConfig config) {
        this.config = config;
    }

    @Override
    public void fit(FusionInput input, ProgressListener progress) {
        for (Map.Entry<Modality, FeatureMatrix> e : input.modalities().entrySet()) {
            int d = e.getValue().dim();
            if (dimension >= 0 && d != dimension) {
                throw new IllegalArgumentException("mean fusion needs equal dimensions; " + e.getKey().key()
                        + " has " + d + ", another modality " + dimension);
            }
            dimension = d;
        }
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public float[] fuse(ModalityVectors vectors) {
        if (vectors.isEmpty()) {
            return null;
        }
        float[] sum = new float[dimension];
        for (Modality m : vectors.present()) {
            float[] v = vectors.get(m).orElseThrow();
            double norm = 0;
            for (float x : v) {
                norm += x * x;
            }
            float scale = !config.normalize() || norm == 0 ? 1f : (float) (1 / Math.sqrt(norm));
            for (int i = 0; i < dimension; i++) {
                sum[i] += v[i] * scale / vectors.present().size();
            }
        }
        return sum;
    }
}
