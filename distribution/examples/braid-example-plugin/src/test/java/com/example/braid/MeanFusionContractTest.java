package com.example.braid;

import dev.braid.api.fusion.FusionStrategy;
import dev.braid.testkit.FusionContract;

/** The Braid test kit's fusion contract, run on {@code mean}. */
class MeanFusionContractTest extends FusionContract {
    @Override
    protected FusionStrategy newStrategy() {
        return new MeanFusion(new MeanFusionConfig(true));
    }
}
