package dev.braid.datasets;

import dev.braid.api.data.Catalog;
import dev.braid.api.data.Item;
import dev.braid.api.data.ItemContent;
import dev.braid.api.data.Media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Imports MovieLens 100K ({@code u.data}, {@code u.item}, {@code u.genre}) and, optionally, the {@code items.tsv}
 * of real content for the same movies (titles, plots, posters). Item attributes: {@code genre} (multi-valued) and
 * {@code year}. Text is the title, followed by the plot when the plot's match to the movie was verified.
 */
public final class MovieLensImporter {
    /** Plot checks whose plot is trusted; any other value means the plot is left out. */
    static final Set<String> TRUSTED_CHECKS = Set.of("imdb_verified", "year_match");
    private static final Pattern YEAR_IN_DATE = Pattern.compile("(\\d{4})\\s*$");
    private static final Pattern YEAR_IN_TITLE = Pattern.compile("\\((\\d{4})\\)\\s*$");

    private MovieLensImporter() {
    }

    /**
     * Loads MovieLens 100K.
     *
     * @param ml100kDir the folder holding {@code u.data}, {@code u.item} and {@code u.genre}
     * @param itemsTsv  the {@code items.tsv} with titles, plots and poster paths (relative to its folder), or
     *                  {@code null} for titles only
     * @throws IllegalArgumentException when a required file is missing
     */
    public static Dataset load(Path ml100kDir, Path itemsTsv) {
        Path data = ml100kDir.resolve("u.data");
        Path itemFile = ml100kDir.resolve("u.item");
        Path genreFile = ml100kDir.resolve("u.genre");
        for (Path p : List.of(data, itemFile, genreFile)) {
            if (!Files.isRegularFile(p)) {
                throw new IllegalArgumentException("MovieLens 100K file '" + p + "' is missing: point to the "
                        + "ml-100k folder as distributed by GroupLens");
            }
        }
        Fingerprint fp = new Fingerprint().add("movielens-100k").addFile(itemFile).addFile(genreFile);
        List<DatasetProblem> problems = new ArrayList<>();
        List<String> genres = readGenres(genreFile);
        Map<String, Item> items = readItems(itemFile, genres, problems);
        if (itemsTsv != null) {
            fp.add("items.tsv");
            addContent(items, itemsTsv, fp, problems);
        }
        Catalog catalog = new Catalog(new ArrayList<>(items.values()));
        InteractionsImport interactions = TabularImporter.readInteractions(
                new InteractionsSpec(data, Format.TSV, "0", "1", "2", "3", false), catalog);
        problems.addAll(interactions.problems());
        fp.add(interactions.fingerprint());
        Dataset dataset = new Dataset(itemsTsv == null ? "movielens-100k" : "movielens-100k-mm", catalog,
                interactions.interactions(), problems, fp.hex());
        TabularImporter.logSummary(dataset);
        return dataset;
    }

    /** Genre names by index, from {@code u.genre} ({@code name|index} lines). */
    static List<String> readGenres(Path genreFile) {
        TreeMap<Integer, String> byIndex = new TreeMap<>();
        for (String line : lines(genreFile, StandardCharsets.ISO_8859_1)) {
            if (line.isBlank()) {
                continue;
            }
            int bar = line.lastIndexOf('|');
            try {
                byIndex.put(Integer.parseInt(line.substring(bar + 1).trim()), line.substring(0, bar).trim());
            } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
                throw new IllegalArgumentException("'" + genreFile + "': line '" + line
                        + "' is not 'name|index'", e);
            }
        }
        return List.copyOf(byIndex.values());
    }

    private static Map<String, Item> readItems(Path itemFile, List<String> genres, List<DatasetProblem> problems) {
        Map<String, Item> items = new LinkedHashMap<>();
        List<String> lines = lines(itemFile, StandardCharsets.ISO_8859_1);
        int expected = 5 + genres.size();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            long lineNo = i + 1L;
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\\|", -1);
            if (f.length != expected || f[0].isBlank()) {
                problems.add(new DatasetProblem(null, itemFile.toString(), lineNo, null, "expected " + expected
                        + " '|'-separated fields with an id first, found " + f.length + "; row skipped"));
                continue;
            }
            String id = f[0].trim();
            List<String> itemGenres = new ArrayList<>();
            for (int g = 0; g < genres.size(); g++) {
                if ("1".equals(f[5 + g].trim())) {
                    itemGenres.add(genres.get(g));
                }
            }
            Map<String, List<String>> attributes = new LinkedHashMap<>();
            attributes.put("genre", itemGenres);
            String year = year(f[2], f[1]);
            if (year != null) {
                attributes.put("year", List.of(year));
            }
            String title = f[1].trim();
            if (items.putIfAbsent(id, new Item(id, title, attributes,
                    new ItemContent(title.isEmpty() ? null : title, null, null))) != null) {
                problems.add(new DatasetProblem(id, itemFile.toString(), lineNo, "movie id",
                        "duplicate item id '" + id + "'; this row is skipped"));
            }
        }
        return items;
    }

    /** Replaces titles, text and images with the content of {@code items.tsv}. */
    private static void addContent(Map<String, Item> items, Path itemsTsv, Fingerprint fp,
                                   List<DatasetProblem> problems) {
        fp.addFile(itemsTsv);
        String file = itemsTsv.toString();
        MediaResolver media = new MediaResolver(itemsTsv.toAbsolutePath().getParent(), file, fp);
        Map<String, Boolean> seen = new HashMap<>();
        List<String> required = List.of("item_id", "title", "poster_path", "description", "description_check");
        RowReader.read(itemsTsv, Format.TSV, true, StandardCharsets.UTF_8, required, problems, row -> {
            String id = row.nonBlank("item_id");
            Item item = id == null ? null : items.get(id);
            if (item == null) {
                problems.add(new DatasetProblem(id, file, row.line(), "item_id", id == null ? "row has no item id"
                        : "item '" + id + "' is not in u.item; row skipped"));
                return;
            }
            if (seen.putIfAbsent(id, true) != null) {
                problems.add(new DatasetProblem(id, file, row.line(), "item_id", "duplicate item id '" + id
                        + "'; this row is skipped"));
                return;
            }
            String title = row.nonBlank("title");
            if (title == null) {
                title = item.title();
            }
            String description = row.nonBlank("description");
            String check = row.nonBlank("description_check");
            String text = description != null && check != null && TRUSTED_CHECKS.contains(check)
                    ? title + ". " + description : title;
            Media poster = media.resolve(id, row.line(), "poster_path", row.text("poster_path"), problems);
            Map<String, List<String>> attributes = new LinkedHashMap<>(item.attributes());
            List<String> genres = row.values("genres", "|");
            if (!genres.isEmpty() && item.values("genre").isEmpty()) {
                attributes.put("genre", genres);
            }
            items.put(id, new Item(id, title, attributes, new ItemContent(text, poster, null)));
        });
    }

    /** The year of a release date like {@code 01-Jan-1995}, else of a title ending in {@code (1995)}. */
    static String year(String releaseDate, String title) {
        Matcher m = YEAR_IN_DATE.matcher(releaseDate.trim());
        if (m.find()) {
            return m.group(1);
        }
        m = YEAR_IN_TITLE.matcher(title.trim());
        return m.find() ? m.group(1) : null;
    }

    private static List<String> lines(Path file, java.nio.charset.Charset charset) {
        try {
            return Files.readAllLines(file, charset);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read '" + file + "': " + e.getMessage(), e);
        }
    }
}
