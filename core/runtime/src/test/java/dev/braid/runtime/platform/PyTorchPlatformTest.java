package dev.braid.runtime.platform;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The PyTorch engine of the platform layer loads offline: its natives come from the {@code pytorch-native-cpu}
 * Maven artifact and are extracted under the configured cache, nothing is downloaded.
 */
class PyTorchPlatformTest {

    @Test
    void pytorchEngineLoadsFromTheClassPathIntoTheConfiguredCache() throws Exception {
        Path cache = Path.of(System.getProperty("braid.test.cache", "target/native-cache"));
        NativePlatform.configure(cache.toAbsolutePath());
        Engine engine = Engine.getEngine("PyTorch");
        assertThat(engine.getVersion()).startsWith("2.");
        try (NDManager nd = NDManager.newBaseManager("PyTorch")) {
            NDArray a = nd.create(new float[] {1, 2, 3, 4}, new ai.djl.ndarray.types.Shape(2, 2));
            assertThat(a.matMul(a).toFloatArray()).containsExactly(7, 10, 15, 22);
        }
        Path engines = Path.of(System.getProperty("ENGINE_CACHE_DIR"));
        try (Stream<Path> files = Files.walk(engines)) {
            assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("libtorch"));
        }
    }
}
