package dev.braid.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the distribution's real launcher, {@code bin/braid}, as a user would. */
final class Launcher {
    private Launcher() {
    }

    /** What a run printed and returned. */
    record Result(int exitCode, String stdout, String stderr) {
    }

    static Result run(Path cache, long timeoutSeconds, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Distribution.root().resolve("bin/braid").toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("BRAID_CACHE_DIR", cache.toString());
        Path out = cache.resolve("stdout-" + System.nanoTime());
        Path err = cache.resolve("stderr-" + System.nanoTime());
        java.nio.file.Files.createDirectories(cache);
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("bin/braid " + String.join(" ", args) + " did not finish in " + timeoutSeconds
                    + " s");
        }
        return new Result(p.exitValue(), java.nio.file.Files.readString(out, StandardCharsets.UTF_8),
                java.nio.file.Files.readString(err, StandardCharsets.UTF_8));
    }

    /** A {@code braid run} that exited 0: the configuration file it ran, what it printed and its JSON report. */
    record Report(Path config, String stdout, JsonNode json) {
    }

    /**
     * Writes {@code yaml} to {@code dir/NAME.yaml} and runs {@code braid run} on it, with the cache in
     * {@code dir/cache} and the JSON report in {@code dir/NAME.json}; fails with the run's stderr unless it exits 0.
     */
    static Report runExperiment(Path dir, String name, String yaml, long timeoutSeconds)
            throws IOException, InterruptedException {
        Path config = dir.resolve(name + ".yaml");
        java.nio.file.Files.writeString(config, yaml);
        Path json = dir.resolve(name + ".json");
        Result r = run(dir.resolve("cache"), timeoutSeconds, "run", "--config", config.toString(), "--json-out",
                json.toString());
        if (r.exitCode() != 0) {
            throw new AssertionError("bin/braid run --config " + config + " exited " + r.exitCode() + ":\n"
                    + r.stderr());
        }
        return new Report(config, r.stdout(), new ObjectMapper().readTree(json.toFile()));
    }
}
