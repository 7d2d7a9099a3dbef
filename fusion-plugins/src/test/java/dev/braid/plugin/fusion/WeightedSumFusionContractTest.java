package dev.braid.plugin.fusion;

import dev.braid.api.compute.ReferenceBackend;
import dev.braid.api.fusion.FusionStrategy;
import dev.braid.testkit.FusionContract;

/** {@code weighted-sum} with its defaults keeps the fusion contract. */
class WeightedSumFusionContractTest extends FusionContract {
    @Override
    protected FusionStrategy newStrategy() {
        return new WeightedSumFusion(WeightedSumConfig.defaults(), new ReferenceBackend());
    }
}
