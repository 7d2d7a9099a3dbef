package dev.braid.runtime.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.braid.api.component.ProgressListener;
import dev.braid.datasets.CatalogSpec;
import dev.braid.datasets.Dataset;
import dev.braid.datasets.DatasetProblem;
import dev.braid.datasets.DemoCatalog;
import dev.braid.datasets.DemoSpec;
import dev.braid.datasets.Format;
import dev.braid.datasets.InteractionsSpec;
import dev.braid.datasets.MovieLensImporter;
import dev.braid.datasets.TabularImporter;
import dev.braid.runtime.config.ConfigException;
import dev.braid.runtime.config.ParamBinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the dataset a configuration declares ({@code dataset: {type: demo | movielens | tabular, ...}}), resolving
 * paths against the configuration's folder. Missing files are configuration errors naming the path and the file.
 */
public final class DatasetLoader {
    private static final Logger log = LoggerFactory.getLogger(DatasetLoader.class);
    private static final Set<String> RESERVED = Set.of("type", "feedback");

    private DatasetLoader() {
    }

    /** Checks the dataset section (types, parameters, files) without loading anything. */
    public static void validate(JsonNode node, Path baseDir) {
        String type = type(node);
        switch (type) {
            case "demo" -> ParamBinder.bind(DatasetConfigs.Demo.class, node, "dataset", RESERVED);
            case "movielens" -> {
                DatasetConfigs.MovieLens c = ParamBinder.bind(DatasetConfigs.MovieLens.class, node, "dataset",
                        RESERVED);
                Path dir = existing(baseDir, c.path(), "dataset.path", true);
                existing(dir, "u.data", "dataset.path", false);
                if (!c.items().isEmpty()) {
                    existing(baseDir, c.items(), "dataset.items", false);
                }
            }
            case "tabular" -> {
                DatasetConfigs.Tabular c = ParamBinder.bind(DatasetConfigs.Tabular.class, node, "dataset", RESERVED);
                existing(baseDir, require(c.catalog().file(), "dataset.catalog.file"), "dataset.catalog.file", false);
                existing(baseDir, require(c.interactions().file(), "dataset.interactions.file"),
                        "dataset.interactions.file", false);
            }
            default -> throw new ConfigException("", "dataset.type", "unknown dataset type '" + type
                    + "'; expected demo, movielens or tabular");
        }
    }

    /** Loads the dataset. */
    public static Dataset load(JsonNode node, Path baseDir, Path cacheDir, ProgressListener progress) {
        validate(node, baseDir);
        Dataset ds = switch (type(node)) {
            case "demo" -> {
                DatasetConfigs.Demo c = ParamBinder.bind(DatasetConfigs.Demo.class, node, "dataset", RESERVED);
                DemoSpec spec = new DemoSpec(c.items(), c.users(), c.interactionsPerUser(), c.seed());
                Path dir = c.dir().isEmpty() ? cacheDir.resolve("demo").resolve(c.items() + "x" + c.users() + "-"
                        + c.interactionsPerUser() + "-s" + c.seed()) : baseDir.resolve(c.dir());
                yield DemoCatalog.load(DemoCatalog.ensure(dir, spec, progress));
            }
            case "movielens" -> {
                DatasetConfigs.MovieLens c = ParamBinder.bind(DatasetConfigs.MovieLens.class, node, "dataset",
                        RESERVED);
                yield MovieLensImporter.load(baseDir.resolve(c.path()).normalize(),
                        c.items().isEmpty() ? null : baseDir.resolve(c.items()).normalize());
            }
            default -> {
                DatasetConfigs.Tabular c = ParamBinder.bind(DatasetConfigs.Tabular.class, node, "dataset", RESERVED);
                DatasetConfigs.CatalogColumns cc = c.catalog();
                DatasetConfigs.InteractionColumns ic = c.interactions();
                Path catalog = baseDir.resolve(cc.file()).normalize();
                CatalogSpec cs = new CatalogSpec(catalog, format(cc.format(), "dataset.catalog.format"),
                        cc.id() == null ? "id" : cc.id(), cc.title(), cc.text(), cc.image(), cc.audio(),
                        cc.attributes(), cc.separator());
                InteractionsSpec is = new InteractionsSpec(baseDir.resolve(ic.file()).normalize(),
                        format(ic.format(), "dataset.interactions.format"), ic.user() == null ? "user" : ic.user(),
                        ic.item() == null ? "item" : ic.item(), ic.rating(), ic.timestamp(),
                        ic.header() == null || ic.header());
                yield TabularImporter.load(c.name().isEmpty() ? catalog.getFileName().toString() : c.name(), cs, is);
            }
        };
        ds = withFeedback(ds, node, baseDir);
        report(ds);
        return ds;
    }

    /**
     * The feedback log a dataset section names ({@code feedback: FILE}, relative to the configuration), or
     * {@code null} when it names none.
     */
    public static Path feedbackFile(JsonNode node, Path baseDir) {
        JsonNode f = node == null ? null : node.get("feedback");
        if (f == null || f.isNull()) {
            return null;
        }
        if (!f.isTextual() || f.asText().isBlank()) {
            throw new ConfigException("", "dataset.feedback", "expected the path of the feedback log, got " + f);
        }
        return baseDir.resolve(f.asText()).normalize();
    }

    /** Appends the interactions of the feedback log (online feedback from braid serve) to the dataset's. */
    private static Dataset withFeedback(Dataset ds, JsonNode node, Path baseDir) {
        Path file = feedbackFile(node, baseDir);
        if (file == null || !Files.isRegularFile(file)) {
            return ds;
        }
        java.util.List<dev.braid.datasets.DatasetProblem> problems = new java.util.ArrayList<>(ds.problems());
        java.util.List<dev.braid.api.data.Interaction> merged = new java.util.ArrayList<>(ds.interactions());
        int added = 0;
        for (dev.braid.api.data.Interaction i : FeedbackLog.read(file, msg -> problems.add(
                new dev.braid.datasets.DatasetProblem(null, file.toString(), 0, null, msg)))) {
            if (ds.catalog().contains(i.item())) {
                merged.add(i);
                added++;
            } else {
                problems.add(new dev.braid.datasets.DatasetProblem(i.item(), file.toString(), 0, "item",
                        "feedback on an item that is not in the catalog, skipped"));
            }
        }
        long size;
        long modified;
        try {
            size = Files.size(file);
            modified = Files.getLastModifiedTime(file).toMillis();
        } catch (java.io.IOException e) {
            throw new ConfigException("", "dataset.feedback", "cannot read " + file + ": " + e.getMessage());
        }
        log.info("Merged {} interactions from the feedback log {}", added, file);
        return new Dataset(ds.name(), ds.catalog(), merged, problems, ds.fingerprint() + "+feedback:" + size + ":"
                + modified);
    }

    private static void report(Dataset ds) {
        log.info("Dataset {}: {} items, {} interactions, {} problems", ds.name(), ds.catalog().size(),
                ds.interactions().size(), ds.problems().size());
        int shown = 0;
        for (DatasetProblem p : ds.problems()) {
            if (shown++ < 20) {
                log.warn("{}", p);
            }
        }
        if (ds.problems().size() > 20) {
            log.warn("... and {} more problems", ds.problems().size() - 20);
        }
    }

    private static String type(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new ConfigException("", "dataset", "expected a map with a 'type'");
        }
        JsonNode t = node.get("type");
        if (t == null || !t.isTextual()) {
            throw new ConfigException("", "dataset.type", "missing; expected demo, movielens or tabular");
        }
        return t.asText().toLowerCase(Locale.ROOT);
    }

    private static String require(String v, String path) {
        if (v == null || v.isBlank()) {
            throw new ConfigException("", path, "missing required parameter");
        }
        return v;
    }

    private static Path existing(Path base, String file, String path, boolean directory) {
        Path p = base.resolve(file).normalize();
        if (directory ? !Files.isDirectory(p) : !Files.isRegularFile(p)) {
            throw new ConfigException("", path, (directory ? "folder" : "file") + " not found: " + p);
        }
        return p;
    }

    private static Format format(String f, String path) {
        if (f == null || f.isBlank()) {
            return null;
        }
        try {
            return Format.valueOf(f.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("", path, "unknown format '" + f + "'; expected csv, tsv or jsonl");
        }
    }
}
