package dev.braid.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Semantic versioning of the plugin API is enforced by the build: removing a method from the released API (in a
 * scratch copy) must fail the API's own build with a MAJOR baseline problem.
 */
@Tag("slow")
class ApiBaselineIT {

    @Test
    void anIncompatibleApiChangeFailsTheBuild() throws Exception {
        Path root = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent();
        Path script = root.resolve("core/api/baseline/show-breaking-change.sh");
        assertThat(script).isRegularFile();
        Path log = Files.createTempFile("baseline", ".log");
        Process p = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).as("the script finishes").isTrue();
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("dev.braid.api.encoder", "MAJOR",
                "As expected, the build failed: an incompatible API change needs a major version.");
    }
}
