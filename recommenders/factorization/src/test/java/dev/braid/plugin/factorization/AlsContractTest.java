package dev.braid.plugin.factorization;

import dev.braid.api.generator.Generator;
import dev.braid.testkit.GeneratorContract;
import dev.braid.testkit.Planted;

/**
 * {@code als} keeps the generator contract. ALS trains on Spark ({@code BraidJob --stage train}); here its model file
 * holds the planted structure as the job would write it: every user's and item's factor is the one-hot of its group.
 * Unlike {@code bpr}, {@code als} gives no reasons.
 */
class AlsContractTest extends GeneratorContract {
    private static final AlsConfig CONFIG = new AlsConfig(Planted.GROUPS, 10, 0.1, 1.0, 42, "als.model");

    @Override
    protected Generator newGenerator() {
        String[] users = new String[Planted.USERS];
        float[] userFactors = new float[Planted.USERS * Planted.GROUPS];
        for (int u = 0; u < users.length; u++) {
            users[u] = "u" + u;
            userFactors[u * Planted.GROUPS + Planted.group(u)] = 1;
        }
        String[] items = new String[Planted.ITEMS];
        float[] itemFactors = new float[Planted.ITEMS * Planted.GROUPS];
        for (int i = 0; i < items.length; i++) {
            items[i] = "i" + i;
            itemFactors[i * Planted.GROUPS + Planted.group(i)] = 1;
        }
        new AlsFactors(Planted.GROUPS, users, userFactors, items, itemFactors)
                .write(environment.resolve("als.model"), CONFIG.fingerprint());
        return new AlsGenerator(CONFIG, environment);
    }

    @Override
    protected boolean explains() {
        return false;
    }
}
