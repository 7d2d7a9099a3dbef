package dev.braid.plugin.audio;

import dev.braid.api.component.Environment;
import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * The test models' folder as the configuration base; ONNX Runtime extracts its natives to its default temporary
 * folder (the runtime's native cache setup is the host's business, not a plugin test's).
 */
final class OnnxTestSupport {
    private OnnxTestSupport() {
    }

    static Environment environment() {
        try {
            Path dir = Path.of(OnnxTestSupport.class.getResource("/onnx/tiny-audio.onnx").toURI()).getParent();
            return new Environment(java.nio.file.Files.createTempDirectory("braid-onnx-test"), dir, 1);
        } catch (URISyntaxException | java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
