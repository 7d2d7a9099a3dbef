package dev.braid.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.braid.runtime.platform.GpuProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the launcher prints besides results: no JDK incubator warning unless the configuration asks for the vector
 * backend, and on a machine without a GPU no CUDA warnings from DJL or ONNX Runtime, even when a run loads ONNX
 * Runtime (minilm) and trains on PyTorch (transformer).
 */
@Tag("slow")
class QuietStartIT {
    @TempDir
    Path dir;

    private Path config(String name, String compute) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, """
                dataset: {type: demo, items: 150, users: 80, interactionsPerUser: 12, seed: 3}
                %s
                encoders:
                  text: {name: minilm, quantized: true}
                  image: {name: color-histogram}
                fusion: {name: concat}
                generators: [content-profile]
                variants:
                  - {name: text-only, modalities: [text]}
                  - {name: transformer, fusion: {name: transformer, epochs: 1, patience: 1}}
                evaluation: {split: {type: random, ratio: 0.8}, k: [10], seed: 1}
                """.formatted(compute));
        return f;
    }

    @Test
    void aRunWithoutTheVectorBackendPrintsNoIncubatorOrGpuWarning() throws Exception {
        Launcher.Result r = Launcher.run(dir.resolve("cache"), 600, "run", "--config",
                config("plain.yaml", "").toString());
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stderr()).doesNotContain("incubator");
        Assumptions.assumeFalse(GpuProbe.probe().gpuPossible(), "this machine may have a GPU: "
                + GpuProbe.probe().reason());
        assertThat(r.stderr()).doesNotContain("CudaUtils", "OrtEngine", "CUDA");
    }

    @Test
    void aConfigurationThatAsksForTheVectorBackendGetsIt() throws Exception {
        Launcher.Result r = Launcher.run(dir.resolve("cache"), 600, "run", "--config",
                config("vector.yaml", "compute: {backend: vector}").toString());
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stderr()).contains("Using incubator modules: jdk.incubator.vector")
                .doesNotContain("falling back");
    }
}
