package dev.braid.plugin.fusion;

import dev.braid.api.compute.ReferenceBackend;
import dev.braid.api.fusion.FusionStrategy;
import dev.braid.testkit.FusionContract;
import dev.braid.testkit.TestEnvironment;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** {@code transformer}, trained on the interactions (a small model, 3 epochs), keeps the fusion contract. */
class TransformerFusionContractTest extends FusionContract {
    @TempDir
    Path dir;

    @Override
    protected FusionStrategy newStrategy() {
        return new TransformerFusion(TransformerConfig.of(4, 16, 2, 1, "cls", 16, 3, ""), new ReferenceBackend(),
                TestEnvironment.in(dir, SEED));
    }
}
