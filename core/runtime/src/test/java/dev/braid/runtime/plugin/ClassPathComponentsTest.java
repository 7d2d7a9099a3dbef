package dev.braid.runtime.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.braid.api.kind.ComponentKind;
import dev.braid.api.component.ProgressListener;
import dev.braid.runtime.BraidHome;
import dev.braid.runtime.BraidRuntime;
import dev.braid.runtime.config.BraidConfig;
import dev.braid.runtime.pipeline.ExperimentRunner;
import dev.braid.testkit.TabularData;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The class-path host: plain jars with a {@code Braid-Components} header feed the same registry and engine. */
class ClassPathComponentsTest {
    private static final String COMPONENTS = "dev.braid.runtime.generation.TestComponents$";

    @TempDir
    Path dir;

    /** A plain jar holding only a manifest; its listed classes come from the test class path. */
    private Path jar(String name, Map<String, String> headers) throws Exception {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        headers.forEach((k, v) -> m.getMainAttributes().putValue(k, v));
        Path jar = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, m)) {
            j.flush();
        }
        return jar;
    }

    private URLClassLoader loader(Path... jars) throws Exception {
        List<URL> urls = new ArrayList<>();
        for (Path j : jars) {
            urls.add(j.toUri().toURL());
        }
        return new URLClassLoader(urls.toArray(URL[]::new), getClass().getClassLoader());
    }

    @Test
    void registersEveryJarWithTheHeaderAndReportsClassesThatCannotBeUsed() throws Exception {
        Path plugin = jar("letters-plugin.jar", Map.of("Bundle-SymbolicName", "test.letters;singleton:=true",
                "Bundle-Version", "1.2.0", "Braid-Components",
                COMPONENTS + "Letters, " + COMPONENTS + "Identity,dev.braid.nope.Missing"));
        Path plain = jar("plain.jar", Map.of("Implementation-Title", "plain"));
        Path other = jar("other.jar", Map.of("Implementation-Title", "other", "Implementation-Version", "3.1",
                "Braid-Components", COMPONENTS + "ByFeature"));
        ComponentRegistry registry = new ComponentRegistry();
        try (URLClassLoader cl = loader(plugin, plain, other);
             ClassPathComponents host = ClassPathComponents.scan(cl, registry)) {
            assertThat(host.sources()).containsExactly("classpath:" + plugin.toUri().toURL(),
                    "classpath:" + other.toUri().toURL());
            ComponentDescriptor letters = registry.find(ComponentKind.ENCODER, "letters").orElseThrow();
            assertThat(letters.origin().symbolicName()).isEqualTo("test.letters");
            assertThat(letters.origin().version()).isEqualTo("1.2.0");
            assertThat(registry.find(ComponentKind.FUSION, "identity")).isPresent();
            ComponentDescriptor byFeature = registry.find(ComponentKind.GENERATOR, "by-feature").orElseThrow();
            assertThat(byFeature.origin().label()).isEqualTo("other 3.1");
            assertThat(registry.problems()).singleElement().satisfies(p -> {
                assertThat(p.source()).isEqualTo("test.letters 1.2.0");
                assertThat(p.message()).contains("dev.braid.nope.Missing", "letters-plugin.jar");
            });
            host.close();
            // Closing the host withdraws what it registered.
            assertThat(registry.find(ComponentKind.ENCODER, "letters")).isEmpty();
        }
    }

    @Test
    void runsAnExperimentWithPluginsOnAPlainClassPath() throws Exception {
        TabularData data = new TabularData("id: id, title: title, text: [title]", "id", "title");
        // Titles with more a's rank higher under by-feature (column 1 = count of 'a'); users like those items.
        for (int i = 0; i < 40; i++) {
            data.item("i" + i, "t" + "a".repeat(i % 7) + i);
        }
        for (int u = 0; u < 30; u++) {
            for (int k = 0; k < 6; k++) {
                int liked = (u + k * 3) % 15; // one of the 15 items with 4 to 6 a's
                int item = (liked / 3) * 7 + 4 + liked % 3;
                data.interaction("u" + u, "i" + item, 5);
            }
        }
        Path config = dir.resolve("exp.yaml");
        Files.writeString(config, "name: class-path\n" + data.writeTo(dir) + """
                encoders: {text: letters}
                fusion: identity
                generators: [{name: by-feature, column: 1}]
                evaluation: {split: {type: random, ratio: 0.8}, k: [5], seed: 3}
                """);
        Path plugin = jar("plugin.jar", Map.of("Bundle-SymbolicName", "test.plugin", "Bundle-Version", "1.0.0",
                "Braid-Components", COMPONENTS + "Letters," + COMPONENTS + "Identity," + COMPONENTS + "ByFeature"));
        try (URLClassLoader cl = loader(plugin);
             BraidRuntime rt = BraidRuntime.onClassPath(new BraidHome(dir, dir.resolve("cache")), cl)) {
            assertThat(rt.host()).isInstanceOf(ClassPathComponents.class);
            ExperimentRunner runner = new ExperimentRunner(rt, ProgressListener.NONE);
            ExperimentRunner.Report report = runner.run(runner.validate(BraidConfig.load(config)));
            assertThat(report.results()).singleElement().satisfies(r -> {
                assertThat(r.metrics()).containsKey("ndcg@5");
                assertThat(r.metrics().get("ndcg@5")).isBetween(0.0, 1.0);
                assertThat(r.metrics().get("ndcg@5")).isPositive();
            });
            assertThat(report.protocol().dataset()).contains("40 items", "180 interactions");
        }
    }
}
