package dev.braid.plugin.fusion;

import dev.braid.api.fusion.FusionStrategy;
import dev.braid.testkit.FusionContract;

/** {@code concat} with its defaults (weights searched on validation) keeps the fusion contract. */
class ConcatFusionContractTest extends FusionContract {
    @Override
    protected FusionStrategy newStrategy() {
        return new ConcatFusion(ConcatConfig.defaults());
    }
}
