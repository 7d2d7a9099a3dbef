package dev.braid.plugin.misbehaving;

import dev.braid.api.component.BraidComponent;
import dev.braid.api.component.ProgressListener;
import dev.braid.api.generator.Generator;
import dev.braid.api.generator.Query;
import dev.braid.api.generator.TrainingData;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test generator that never returns from its constructor, fit or score (after {@code after} score calls that
 * return), and ignores interrupts.
 */
@BraidComponent(name = "hang", config = HangConfig.class, description = "test: hangs in constructor, fit or score")
public final class HangingGenerator implements Generator {
    private final String in;
    private final int after;
    private final AtomicInteger scored = new AtomicInteger();

    public HangingGenerator(HangConfig config) {
        this.in = config.in();
        this.after = config.after();
        if (in.equals("constructor")) {
            hang();
        }
    }

    @Override
    public void fit(TrainingData data, ProgressListener progress) {
        if (in.equals("fit")) {
            hang();
        }
    }

    @Override
    public void score(Query query, float[] scores) {
        if (in.equals("score") && scored.incrementAndGet() > after) {
            hang();
        }
    }

    /** Blocks for good (a deadlock, an endless loop, a socket without timeout): interrupts are swallowed. */
    static void hang() {
        while (true) {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                // a hung plugin does not listen
            }
        }
    }
}
