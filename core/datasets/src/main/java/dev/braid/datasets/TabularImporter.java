package dev.braid.datasets;

import dev.braid.api.data.Catalog;
import dev.braid.api.data.Interaction;
import dev.braid.api.data.Item;
import dev.braid.api.data.ItemContent;
import dev.braid.api.data.Media;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Imports a catalog and its interactions from CSV, TSV or JSON Lines files described by a {@link CatalogSpec} and
 * an {@link InteractionsSpec}. Bad rows are reported as {@link DatasetProblem}s and skipped; only a wrong spec
 * (a missing file or column) fails the import.
 */
public final class TabularImporter {
    private static final Logger LOG = LoggerFactory.getLogger(TabularImporter.class);
    private static final int EXAMPLES = 5;

    private TabularImporter() {
    }

    /**
     * Reads a catalog and its interactions into a dataset.
     *
     * @throws IllegalArgumentException when a file or a configured column does not exist
     */
    public static Dataset load(String name, CatalogSpec catalogSpec, InteractionsSpec interactionsSpec) {
        CatalogImport catalog = readCatalog(catalogSpec);
        InteractionsImport interactions = readInteractions(interactionsSpec, catalog.catalog());
        List<DatasetProblem> problems = new ArrayList<>(catalog.problems());
        problems.addAll(interactions.problems());
        String fingerprint = new Fingerprint().add(name).add(catalog.fingerprint())
                .add(interactions.fingerprint()).hex();
        Dataset dataset = new Dataset(name, catalog.catalog(), interactions.interactions(), problems, fingerprint);
        logSummary(dataset);
        return dataset;
    }

    /**
     * Reads a catalog file. Rows without an id or with the wrong number of columns are skipped, a repeated id
     * keeps its first row, media that are missing or escape the catalog's folder are left out of the item; each
     * is reported with file and line.
     *
     * @throws IllegalArgumentException when the file or a configured column does not exist
     */
    public static CatalogImport readCatalog(CatalogSpec spec) {
        Format format = Format.resolve(spec.format(), spec.file());
        RowReader.requireFile(spec.file());
        String file = spec.file().toString();
        Path folder = spec.file().toAbsolutePath().getParent();
        Fingerprint fp = new Fingerprint().add(spec.toString()).addFile(spec.file());
        MediaResolver media = new MediaResolver(folder, file, fp);
        List<DatasetProblem> problems = new ArrayList<>();
        List<String> required = new ArrayList<>();
        required.add(spec.idColumn());
        required.add(spec.titleColumn());
        required.addAll(spec.textColumns());
        required.add(spec.imageColumn());
        required.add(spec.audioColumn());
        required.addAll(spec.attributeColumns());

        Map<String, Long> firstLine = new HashMap<>();
        List<Item> items = new ArrayList<>();
        RowReader.read(spec.file(), format, true, StandardCharsets.UTF_8, required, problems, row -> {
            String id = row.nonBlank(spec.idColumn());
            if (id == null) {
                problems.add(new DatasetProblem(null, file, row.line(), spec.idColumn(),
                        "row has no item id; skipped"));
                return;
            }
            Long seen = firstLine.putIfAbsent(id, row.line());
            if (seen != null) {
                problems.add(new DatasetProblem(id, file, row.line(), spec.idColumn(), "duplicate item id '" + id
                        + "' (first on line " + seen + "); this row is skipped"));
                return;
            }
            String title = spec.titleColumn() == null ? "" : Objects.requireNonNullElse(row.nonBlank(spec.titleColumn()), "");
            String text = joinText(row, spec.textColumns());
            Media image = spec.imageColumn() == null ? null
                    : media.resolve(id, row.line(), spec.imageColumn(), row.text(spec.imageColumn()), problems);
            Media audio = spec.audioColumn() == null ? null
                    : media.resolve(id, row.line(), spec.audioColumn(), row.text(spec.audioColumn()), problems);
            Map<String, List<String>> attributes = new LinkedHashMap<>();
            for (String column : spec.attributeColumns()) {
                List<String> values = row.values(column, spec.multiValueSeparator());
                if (!values.isEmpty()) {
                    attributes.put(column, values);
                }
            }
            items.add(new Item(id, title, attributes, new ItemContent(text, image, audio)));
        });
        return new CatalogImport(new Catalog(items), problems, fp.hex());
    }

    /**
     * Reads interactions on the items of a catalog. Interactions on items the catalog lacks are skipped and
     * reported once (count and examples); rows without user or item and unparsable ratings or times are
     * reported with their line and skipped.
     *
     * @throws IllegalArgumentException when the file or a configured column does not exist
     */
    public static InteractionsImport readInteractions(InteractionsSpec spec, Catalog catalog) {
        Format format = Format.resolve(spec.format(), spec.file());
        RowReader.requireFile(spec.file());
        String file = spec.file().toString();
        Fingerprint fp = new Fingerprint().add(spec.toString()).addFile(spec.file());
        List<DatasetProblem> problems = new ArrayList<>();
        List<Interaction> interactions = new ArrayList<>();
        long[] unknown = {0};
        List<String> unknownExamples = new ArrayList<>();
        List<String> required = Arrays.asList(spec.userColumn(), spec.itemColumn(), spec.ratingColumn(),
                spec.timestampColumn());
        RowReader.read(spec.file(), format, spec.header(), StandardCharsets.UTF_8, required, problems, row -> {
            String user = row.nonBlank(spec.userColumn());
            String item = row.nonBlank(spec.itemColumn());
            if (user == null || item == null) {
                problems.add(new DatasetProblem(item, file, row.line(), user == null ? spec.userColumn()
                        : spec.itemColumn(), "row has no " + (user == null ? "user" : "item") + " id; skipped"));
                return;
            }
            if (!catalog.contains(item)) {
                if (unknown[0]++ < EXAMPLES) {
                    unknownExamples.add("'" + item + "' (line " + row.line() + ")");
                }
                return;
            }
            double rating = Double.NaN;
            String ratingText = spec.ratingColumn() == null ? null : row.nonBlank(spec.ratingColumn());
            if (ratingText != null) {
                try {
                    rating = Double.parseDouble(ratingText);
                } catch (NumberFormatException e) {
                    rating = Double.NaN;
                }
                if (!Double.isFinite(rating)) {
                    problems.add(new DatasetProblem(item, file, row.line(), spec.ratingColumn(),
                            "rating '" + ratingText + "' is not a number; row skipped"));
                    return;
                }
            }
            long time = Interaction.NO_TIMESTAMP;
            String timeText = spec.timestampColumn() == null ? null : row.nonBlank(spec.timestampColumn());
            if (timeText != null) {
                Long parsed = parseTime(timeText);
                if (parsed == null) {
                    problems.add(new DatasetProblem(item, file, row.line(), spec.timestampColumn(), "timestamp '"
                            + timeText + "' is neither epoch seconds nor an ISO-8601 date or instant; row skipped"));
                    return;
                }
                time = parsed;
            }
            interactions.add(new Interaction(user, item, rating, time));
        });
        if (unknown[0] > 0) {
            problems.add(new DatasetProblem(null, file, 0, spec.itemColumn(), unknown[0]
                    + " interaction(s) name items that are not in the catalog and were skipped, e.g. "
                    + String.join(", ", unknownExamples)));
        }
        return new InteractionsImport(interactions, problems, fp.hex());
    }

    /** Epoch seconds from an integer, a decimal, an ISO-8601 instant/offset date-time, local date-time or date. */
    static Long parseTime(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException ignored) {
            // try the other forms
        }
        try {
            double d = Double.parseDouble(text);
            if (Double.isFinite(d) && Math.abs(d) < 9e15) {
                return (long) Math.floor(d);
            }
            return null;
        } catch (NumberFormatException ignored) {
            // try the other forms
        }
        try {
            return Instant.parse(text).getEpochSecond();
        } catch (DateTimeException ignored) {
            // try the other forms
        }
        try {
            return OffsetDateTime.parse(text).toEpochSecond();
        } catch (DateTimeException ignored) {
            // try the other forms
        }
        try {
            return LocalDateTime.parse(text).toEpochSecond(ZoneOffset.UTC);
        } catch (DateTimeException ignored) {
            // try the other forms
        }
        try {
            return LocalDate.parse(text).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
        } catch (DateTimeException ignored) {
            return null;
        }
    }

    private static String joinText(Row row, List<String> columns) {
        String text = columns.stream().map(row::nonBlank).filter(Objects::nonNull)
                .collect(Collectors.joining(". "));
        // No text at all is a missing modality, not an empty string.
        return text.isEmpty() ? null : text;
    }

    static void logSummary(Dataset dataset) {
        LOG.info("dataset '{}': {} items, {} interactions, {} problem(s)", dataset.name(), dataset.catalog().size(),
                dataset.interactions().size(), dataset.problems().size());
        Stream<DatasetProblem> first = dataset.problems().stream().limit(EXAMPLES);
        first.forEach(p -> LOG.warn("dataset '{}': {}", dataset.name(), p));
        if (dataset.problems().size() > EXAMPLES) {
            LOG.warn("dataset '{}': {} more problem(s) not shown", dataset.name(),
                    dataset.problems().size() - EXAMPLES);
        }
    }
}
