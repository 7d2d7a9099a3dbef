package dev.braid.runtime.pipeline;

import dev.braid.api.data.Catalog;
import dev.braid.api.data.Interaction;
import dev.braid.datasets.DatasetProblem;
import dev.braid.datasets.Format;
import dev.braid.datasets.InteractionsImport;
import dev.braid.datasets.InteractionsSpec;
import dev.braid.datasets.TabularImporter;
import dev.braid.evaluation.split.RatingFilter;
import dev.braid.evaluation.split.Split;
import dev.braid.runtime.config.ConfigException;
import dev.braid.runtime.config.ConfigProblem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code evaluation.split: {type: files, train: F, test: F, validation: F}}: a split given as interaction files
 * (CSV, TSV or JSON Lines, read by {@link TabularImporter}) over the dataset's catalog, to reproduce a published
 * protocol. Paths resolve against the configuration file's folder. Every row must be readable and name a catalog
 * item: a bad row is an error naming the file and line, not a skipped row, because a predefined split that loses
 * rows is no longer the published one. The rating threshold applies to each file as it does to a computed split.
 */
final class PredefinedSplit {
    private static final int EXAMPLES = 5;

    private PredefinedSplit() {
    }

    /** A split read from files, and the validation interactions (empty when no file was given). */
    record Loaded(Split split, List<Interaction> validation) {
    }

    /** Checks that the files are named and exist, before anything runs. */
    static List<ConfigProblem> validate(EvaluationConfig.SplitConfig s, Path baseDir) {
        List<ConfigProblem> problems = new ArrayList<>();
        file(s.train(), "train", true, baseDir, problems);
        file(s.test(), "test", true, baseDir, problems);
        file(s.validation(), "validation", false, baseDir, problems);
        if (s.format() != null) {
            try {
                Format.valueOf(s.format().toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                problems.add(new ConfigProblem("evaluation.split.format", "unknown format '" + s.format()
                        + "'; expected csv, tsv or jsonl"));
            }
        }
        return problems;
    }

    /** Reads the files over this catalog, keeping the positives at the threshold. */
    static Loaded load(EvaluationConfig.SplitConfig s, Path baseDir, Catalog catalog, double threshold) {
        List<ConfigProblem> problems = validate(s, baseDir);
        if (!problems.isEmpty()) {
            throw new ConfigException("", problems);
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("method", "files");
        List<Interaction> train = read(s, s.train(), "train", baseDir, catalog, threshold, d);
        List<Interaction> test = read(s, s.test(), "test", baseDir, catalog, threshold, d);
        List<Interaction> validation = s.validation() == null ? List.of()
                : read(s, s.validation(), "validation", baseDir, catalog, threshold, d);
        d.put("train", train.size());
        d.put("test", test.size());
        if (s.validation() != null) {
            d.put("validation", validation.size());
        }
        return new Loaded(new Split(train, test, d), validation);
    }

    private static List<Interaction> read(EvaluationConfig.SplitConfig s, String name, String key, Path baseDir,
                                          Catalog catalog, double threshold, Map<String, Object> describe) {
        Path file = baseDir.resolve(name).normalize();
        Format format = s.format() == null ? null
                : Format.valueOf(s.format().toUpperCase(Locale.ROOT).replace('-', '_'));
        InteractionsSpec spec = new InteractionsSpec(file, format, s.user() == null ? "user" : s.user(),
                s.item() == null ? "item" : s.item(), s.rating(), s.timestamp(), s.header() == null || s.header());
        InteractionsImport in;
        try {
            in = TabularImporter.readInteractions(spec, catalog);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("", "evaluation.split." + key, e.getMessage());
        }
        if (!in.problems().isEmpty()) {
            List<String> lines = new ArrayList<>();
            for (DatasetProblem p : in.problems().subList(0, Math.min(EXAMPLES, in.problems().size()))) {
                lines.add(p.toString());
            }
            throw new ConfigException("", "evaluation.split." + key, in.problems().size()
                    + " bad row(s) in the predefined split file " + file + ": " + String.join("; ", lines));
        }
        describe.put(key + "File", name);
        describe.put(key + "Fingerprint", in.fingerprint().substring(0, Math.min(16, in.fingerprint().length())));
        return RatingFilter.positives(in.interactions(), threshold);
    }

    private static void file(String name, String key, boolean required, Path baseDir, List<ConfigProblem> problems) {
        if (name == null || name.isBlank()) {
            if (required) {
                problems.add(new ConfigProblem("evaluation.split." + key, "a files split needs a " + key
                        + " file (interactions: CSV, TSV or JSON Lines)"));
            }
            return;
        }
        Path file = baseDir.resolve(name).normalize();
        if (!Files.isRegularFile(file)) {
            problems.add(new ConfigProblem("evaluation.split." + key, "file not found: " + file.toAbsolutePath()));
        }
    }
}
