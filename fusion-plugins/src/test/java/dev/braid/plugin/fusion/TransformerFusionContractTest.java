package dev.braid.plugin.fusion;

import dev.braid.api.compute.ReferenceBackend;
import dev.braid.api.fusion.FusionStrategy;
import dev.braid.testkit.FusionContract;

/** {@code transformer}, trained on the interactions (a small model, 3 epochs), keeps the fusion contract. */
class TransformerFusionContractTest extends FusionContract {
    @Override
    protected FusionStrategy newStrategy() {
        return new TransformerFusion(TransformerConfig.of(4, 16, 2, 1, "cls", 16, 3, ""), new ReferenceBackend(),
                environment);
    }
}
