package dev.braid.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/** Helpers for integration tests that run against the built distribution (target/braid). */
final class Distribution {
    private Distribution() {
    }

    /** The unpacked distribution built by this module's package phase. */
    static Path root() {
        Path p = Path.of(System.getProperty("braid.distribution", "target/braid"));
        assertThat(p.resolve("bundles")).as("distribution layout (run 'mvn verify')").isDirectory();
        return p;
    }

    /** A copy of the distribution's bundles/ and conf/ in a fresh home, with an empty plugins/. */
    static Path freshHome(Path dir) throws IOException {
        Path home = dir.resolve("braid");
        copyTree(root().resolve("bundles"), home.resolve("bundles"));
        copyTree(root().resolve("conf"), home.resolve("conf"));
        Files.createDirectories(home.resolve("plugins"));
        return home;
    }

    /**
     * Writes the small tabular dataset the runtime tests share into {@code dir/data}: items i1..i20 (title
     * "Item n", a genre from {@code genre}) and users u1..u10 where u<n> saw i1 .. i<11-n> (rating 5), so
     * popularity ranks i1, i2, i3, ... in that order.
     */
    static void writeStaircaseData(Path dir, java.util.function.IntFunction<String> genre) throws IOException {
        Path data = Files.createDirectories(dir.resolve("data"));
        StringBuilder catalog = new StringBuilder("id\ttitle\tgenre\n");
        for (int i = 1; i <= 20; i++) {
            catalog.append("i").append(i).append("\tItem ").append(i).append('\t').append(genre.apply(i))
                    .append('\n');
        }
        Files.writeString(data.resolve("catalog.tsv"), catalog);
        StringBuilder interactions = new StringBuilder("user\titem\trating\n");
        for (int u = 1; u <= 10; u++) {
            for (int i = 1; i <= 11 - u; i++) {
                interactions.append("u").append(u).append("\ti").append(i).append("\t5\n");
            }
        }
        Files.writeString(data.resolve("interactions.tsv"), interactions);
    }

    /** The shipped bundle jar whose file name starts with this prefix. */
    static Path shippedBundle(String prefix) throws IOException {
        try (Stream<Path> s = Files.list(root().resolve("bundles"))) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix)).findFirst().orElseThrow();
        }
    }

    /** A test bundle built by the build (never shipped). */
    static Path testBundle(String name) {
        Path p = Path.of(System.getProperty("braid.test." + name));
        assertThat(p).as("test bundle " + name).isRegularFile();
        return p;
    }

    /** Copies a bundle jar, changing its Bundle-Version: "a new version of the plugin". */
    static void withVersion(Path jar, String version, Path target) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), ".copy", ".tmp");
        try (JarFile in = new JarFile(jar.toFile());
             OutputStream os = Files.newOutputStream(tmp);
             JarOutputStream out = new JarOutputStream(os, rewrite(in.getManifest(), version))) {
            Enumeration<JarEntry> entries = in.entries();
            while (entries.hasMoreElements()) {
                JarEntry e = entries.nextElement();
                if (e.getName().equals("META-INF/MANIFEST.MF")) {
                    continue;
                }
                out.putNextEntry(new JarEntry(e.getName()));
                try (InputStream is = in.getInputStream(e)) {
                    is.transferTo(out);
                }
                out.closeEntry();
            }
        }
        // Appear in plugins/ at once, complete: the way a careful deployment copies a file.
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static Manifest rewrite(Manifest m, String version) {
        Manifest copy = new Manifest(m);
        copy.getMainAttributes().putValue("Bundle-Version", version);
        return copy;
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
