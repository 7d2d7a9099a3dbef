package dev.braid.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.braid.api.kind.ComponentKind;
import dev.braid.api.component.ProgressListener;
import dev.braid.runtime.config.BraidConfig;
import dev.braid.runtime.pipeline.ExperimentRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;

/**
 * The vector cache is keyed by what an encoder is (bundle symbolic name and version, configuration), never by the
 * framework's bundle id: removing an encoder's bundle and installing the same version again in a running Braid
 * leaves its cached vectors valid, so the next run encodes nothing.
 */
class VectorCacheIT extends LiveRuntimeFixture {
    private static final int ITEMS = 20; // the staircase catalog

    @Test
    void aReinstalledBundleOfTheSameVersionServesEveryVectorFromTheCache() throws Exception {
        Path[] textJar = new Path[1];
        // The text encoders' bundle lives in plugins/ (watched) instead of bundles/, so it can be reinstalled.
        braid = LiveRuntime.start(dir, i -> "Drama", home -> {
            Path shipped = Distribution.shippedBundle("braid-text");
            textJar[0] = home.resolve("plugins").resolve(shipped.getFileName());
            Files.move(home.resolve("bundles").resolve(shipped.getFileName()), textJar[0]);
        }, true);
        braid.awaitComponent(ComponentKind.ENCODER, "tfidf", true);
        braid.writeConfig("""
                encoders: {text: tfidf}
                generators: [content-profile]
                evaluation: {split: {type: random, ratio: 0.8}, k: [5], seed: 42}
                """);
        assertThat(vectorsFromCache()).as("a fresh cache").isZero();

        Path aside = dir.resolve(textJar[0].getFileName());
        Files.move(textJar[0], aside);
        braid.awaitComponent(ComponentKind.ENCODER, "tfidf", false);
        Files.copy(aside, textJar[0], StandardCopyOption.COPY_ATTRIBUTES);
        braid.awaitComponent(ComponentKind.ENCODER, "tfidf", true);

        assertThat(vectorsFromCache()).as("every item after the reinstall").isEqualTo(ITEMS);
    }

    /** Runs the configured experiment (what {@code braid run} does) and returns its "vectors from cache". */
    private int vectorsFromCache() {
        ExperimentRunner runner = new ExperimentRunner(braid.runtime(), ProgressListener.NONE);
        ExperimentRunner.Report report = runner.run(runner.validate(BraidConfig.load(braid.config())));
        return ((Number) report.results().get(0).details().get("vectors_from_cache")).intValue();
    }
}
