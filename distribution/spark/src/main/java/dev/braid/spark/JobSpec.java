package dev.braid.spark;

import com.fasterxml.jackson.databind.JsonNode;
import dev.braid.runtime.config.BraidConfig;
import dev.braid.runtime.config.ConfigException;
import dev.braid.runtime.config.ParamBinder;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Set;

/**
 * What every JVM of a job needs to rebuild the same pipeline: the configuration text (environment variables already
 * replaced on the driver), the folder relative paths resolve against, and the {@code spark:} settings. Small and
 * serializable, so it travels in task closures; each executor parses it once.
 *
 * @param configText the configuration, interpolated
 * @param configFile the file it came from, for messages
 * @param baseDir    the folder relative paths resolve against
 * @param settings   the {@code spark:} section
 */
public record JobSpec(String configText, String configFile, String baseDir, SparkSettings settings)
        implements Serializable {

    /** Reads a configuration file on the driver. */
    public static JobSpec load(Path file) {
        String text;
        try {
            text = BraidConfig.interpolate(Files.readString(file), System.getenv());
        } catch (NoSuchFileException e) {
            throw new ConfigException(file.toString(), "", "file not found: " + file.toAbsolutePath());
        } catch (IOException e) {
            throw new ConfigException(file.toString(), "", "cannot read: " + e.getMessage());
        }
        JobSpec spec = new JobSpec(text, file.toString(), file.toAbsolutePath().getParent().toString(), null);
        refuseDescribe(spec);
        JsonNode spark = spec.tree().get("spark");
        SparkSettings settings = ParamBinder.bind(SparkSettings.class, spark == null ? ParamBinder.empty() : spark,
                "spark", Set.of());
        return new JobSpec(text, spec.configFile, spec.baseDir, settings);
    }

    /**
     * The job has no describe step: running a configuration that declares one would encode the plain text while the
     * configuration asks for described text, so it is refused (a variant's {@code describe: none} is fine).
     */
    private static void refuseDescribe(JobSpec spec) {
        JsonNode root = spec.tree();
        String path = declaresDescribe(root) ? "describe" : null;
        JsonNode variants = root == null ? null : root.get("variants");
        for (int i = 0; path == null && variants != null && i < variants.size(); i++) {
            path = declaresDescribe(variants.get(i)) ? "variants[" + i + "].describe" : null;
        }
        if (path != null) {
            throw new ConfigException(spec.configFile, path, "a describe step is not supported in the Spark job yet;"
                    + " run 'braid encode' or 'braid run' for described text, or remove 'describe'");
        }
    }

    private static boolean declaresDescribe(JsonNode node) {
        JsonNode d = node == null ? null : node.get("describe");
        return d != null && !d.isNull() && !(d.isTextual() && d.asText().equals("none"));
    }

    JsonNode tree() {
        try {
            return ParamBinder.mapper().readTree(configText);
        } catch (IOException e) {
            throw new ConfigException(configFile, "", "cannot parse: " + e.getMessage());
        }
    }

    /** The parsed and checked configuration. */
    public BraidConfig config() {
        return BraidConfig.parse(tree(), Path.of(configFile), Path.of(baseDir));
    }

    /** Identifies the pipeline an executor builds from this spec (engines are cached per JVM by it). */
    String key() {
        return dev.braid.runtime.util.Hashing.sha256Hex(configText + "|" + baseDir + "|" + settings);
    }
}
