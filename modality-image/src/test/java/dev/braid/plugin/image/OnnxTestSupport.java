package dev.braid.plugin.image;

import dev.braid.api.component.Environment;
import dev.braid.runtime.BraidHome;
import dev.braid.runtime.platform.NativePlatform;
import java.net.URISyntaxException;
import java.nio.file.Path;

/** The test models' folder as the configuration base, and the runtime's native cache setup. */
final class OnnxTestSupport {
    private OnnxTestSupport() {
    }

    static Environment environment() {
        NativePlatform.configure(BraidHome.defaultCache());
        try {
            Path dir = Path.of(OnnxTestSupport.class.getResource("/onnx/tiny-image.onnx").toURI()).getParent();
            return new Environment(BraidHome.defaultCache(), dir, 1);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
