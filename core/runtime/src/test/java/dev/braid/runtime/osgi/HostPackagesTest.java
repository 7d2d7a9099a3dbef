package dev.braid.runtime.osgi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HostPackagesTest {

    @Test
    void turnsMavenVersionsIntoOsgiVersions() {
        assertThat(HostPackages.cleanVersion("2.0.17")).isEqualTo("2.0.17");
        assertThat(HostPackages.cleanVersion("1.2-SNAPSHOT")).isEqualTo("1.2.0");
        assertThat(HostPackages.cleanVersion("7")).isEqualTo("7.0.0");
    }

    @Test
    void splitsHeadersOutsideQuotesAndDropsUses() {
        assertThat(HostPackages.splitClauses("a;version=\"1.0.0\";uses:=\"b,c\",b;version=\"[1,2)\""))
                .containsExactly("a;version=\"1.0.0\"", "b;version=\"[1,2)\"");
    }

    @Test
    void exportsTheApiPackagesWithTheirDeclaredVersions() {
        // The API jar's own manifest (written by bnd from package-info @Version) is the single source of truth.
        String exports = HostPackages.exports();
        assertThat(exports).contains("dev.braid.api.encoder;version=\"1.1.0\"",
                "dev.braid.api.generator;version=\"1.3.0\"", "dev.braid.api.kind;version=\"1.1.0\"",
                "dev.braid.api.describe;version=\"1.0.0\"",
                "org.slf4j;version=2.");
    }

    @Test
    void exportsThePlatformServicesWithTheirDeclaredVersions() {
        String exports = HostPackages.exports();
        assertThat(exports).contains("dev.braid.platform.host;version=\"1.0.0\"",
                "dev.braid.platform.training;version=\"1.0.0\"", "dev.braid.platform.media;version=\"1.0.0\"");
    }

    @Test
    void exportsThePlatformLayerWithTheJarsVersions() {
        String exports = HostPackages.exports();
        assertThat(exports).contains("ai.djl.inference;version=0.36.0", "ai.djl.huggingface.tokenizers;version=0.36.0",
                "ai.djl.onnxruntime.engine;version=0.36.0", "ai.onnxruntime;version=1.21.1");
    }
}
