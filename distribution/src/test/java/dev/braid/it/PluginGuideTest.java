package dev.braid.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps docs/plugin-guide.md honest: every Java block in it is included verbatim from a file of the example plugin
 * (marked {@code <!-- include: path -->}), every included block equals its file, and the included Java files compile
 * against the API on this module's class path.
 */
class PluginGuideTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern BLOCK = Pattern.compile("(?:<!-- include: (\\S+) -->\\n)?```(\\w*)\\n(.*?)```",
            Pattern.DOTALL);

    @TempDir
    Path out;

    private record Include(String path, String lang, String body) {
    }

    private static List<Include> blocks() throws Exception {
        String guide = Files.readString(ROOT.resolve("docs/plugin-guide.md"));
        List<Include> all = new ArrayList<>();
        Matcher m = BLOCK.matcher(guide);
        while (m.find()) {
            all.add(new Include(m.group(1), m.group(2), m.group(3)));
        }
        return all;
    }

    @Test
    void everyJavaBlockIsIncludedVerbatimFromAFile() throws Exception {
        List<Include> blocks = blocks();
        assertThat(blocks.stream().filter(b -> b.lang().equals("java")).count()).isGreaterThanOrEqualTo(7);
        for (Include b : blocks) {
            if (b.lang().equals("java")) {
                assertThat(b.path()).as("a java block without an include marker").isNotNull();
            }
            if (b.path() != null) {
                assertThat(b.body()).as(b.path() + " differs from its block in docs/plugin-guide.md")
                        .isEqualTo(Files.readString(ROOT.resolve(b.path())));
            }
        }
    }

    @Test
    @org.junit.jupiter.api.Tag("slow")
    void theIncludedJavaFilesCompileAgainstTheApi() throws Exception {
        List<java.io.File> files = new ArrayList<>();
        for (Include b : blocks()) {
            if (b.path() != null && b.path().endsWith(".java")) {
                files.add(ROOT.resolve(b.path()).toFile());
            }
        }
        // The included files refer to each other's types: add the rest of the example's main sources.
        try (var s = Files.walk(ROOT.resolve("distribution/examples/braid-example-plugin/src/main/java"))) {
            s.filter(p -> p.toString().endsWith(".java")).map(Path::toFile).filter(f -> !files.contains(f))
                    .forEach(files::add);
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter errors = new StringWriter();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(null, null, null)) {
            boolean ok = javac.getTask(errors, fm, null, List.of("-d", out.toString(), "--release", "17",
                    "-classpath", System.getProperty("java.class.path"), "-Xlint:all", "-Werror"), null,
                    fm.getJavaFileObjectsFromFiles(files)).call();
            assertThat(ok).as(errors.toString()).isTrue();
        }
        assertThat(out.resolve("com/example/braid/MoreLikeGenerator.class")).isRegularFile();
    }
}
