package dev.braid.plugin.fusion;

import dev.braid.api.compute.ReferenceBackend;
import dev.braid.api.fusion.FusionStrategy;
import dev.braid.testkit.FusionContract;

/** {@code gated}, trained on the interactions (5 epochs, PCA to 4 dimensions, sum), keeps the fusion contract. */
class GatedFusionContractTest extends FusionContract {
    @Override
    protected FusionStrategy newStrategy() {
        return new GatedFusion(GatedConfig.of(5, "pca", 4, "sum"), new ReferenceBackend());
    }
}
