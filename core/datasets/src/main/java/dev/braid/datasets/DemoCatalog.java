package dev.braid.datasets;

import dev.braid.api.component.ProgressListener;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The demo catalog, generated on this machine (no third-party data) with a planted multimodal signal.
 *
 * <p>Every item has three independent hidden attributes, one per modality: a text <em>topic</em> (its description
 * mixes topic words with filler and a few words of another topic), a dominant image <em>hue</em> (background and
 * most shapes, plus noise and off-hue shapes) and a <em>sound</em> class (pitch and timbre, plus noise and a
 * random envelope). Every user prefers one topic, one hue and one sound; the chance that a user interacts with an
 * item grows steeply with the number of matched preferences, so one modality recovers part of a user's taste and
 * the three together recover more. About 5% of items lack each modality on purpose. Items carry a {@code genre}
 * (the topic's name) and a {@code year}.
 *
 * <p>Files: {@code catalog.tsv}, {@code interactions.tsv}, {@code images/<id>.png}, {@code audio/<id>.wav}, and
 * the ground truth ({@code truth-items.tsv}, {@code truth-users.tsv}) read by {@link #truth(Path)}.
 */
public final class DemoCatalog {
    /** Number of topics, hues and sound classes. */
    public static final int CLASSES = 8;
    /** The topic names, also the items' {@code genre} attribute. */
    public static final List<String> TOPICS = List.of("Space", "Ocean", "Kitchen", "Forest", "City", "Castle",
            "Sport", "Machine");
    /** The catalog file inside a demo folder. */
    public static final String CATALOG_FILE = "catalog.tsv";
    /** The interactions file inside a demo folder. */
    public static final String INTERACTIONS_FILE = "interactions.tsv";

    static final String MARKER_FILE = "demo-spec.properties";
    static final String TRUTH_ITEMS = "truth-items.tsv";
    static final String TRUTH_USERS = "truth-users.tsv";
    /** Bump when the generated content changes, so that old folders are regenerated. */
    static final int GENERATOR_VERSION = 1;
    /** Relative interaction weight by number of matched preferences (0 to 3). */
    static final double[] MATCH_WEIGHT = {1, 6, 40, 250};
    static final double MISSING_RATE = 0.05;
    static final long START = 1_609_459_200L; // 2021-01-01T00:00:00Z
    static final long SPAN = 2L * 365 * 86_400;

    private static final Logger LOG = LoggerFactory.getLogger(DemoCatalog.class);
    private static final CSVFormat TSV = CSVFormat.DEFAULT.builder().setDelimiter('\t').setRecordSeparator('\n')
            .get();
    private static final long ITEM_STREAM = 1;
    private static final long USER_STREAM = 2;
    private static final long PREF_STREAM = 3;

    private DemoCatalog() {
    }

    /**
     * Returns a folder holding the demo generated from this spec, generating it first when it is absent or was
     * generated from another spec. Generation writes to a temporary sibling folder and moves it into place, so a
     * folder is never seen half-written.
     *
     * @param dir the demo folder; it must not exist, be empty, or be a demo folder
     * @throws IllegalArgumentException when {@code dir} holds other files (they are never overwritten)
     * @throws UncheckedIOException     when writing fails
     */
    public static Path ensure(Path dir, DemoSpec spec, ProgressListener progress) {
        Path target = dir.toAbsolutePath().normalize();
        String marker = spec.marker(GENERATOR_VERSION);
        try {
            if (markerMatches(target, marker)) {
                LOG.debug("demo catalog in {} is up to date", target);
                return target;
            }
            boolean stale = Files.isRegularFile(target.resolve(MARKER_FILE));
            if (Files.exists(target) && !stale && !isEmptyDirectory(target)) {
                throw new IllegalArgumentException("'" + target + "' exists and is not a demo catalog folder: "
                        + "choose an empty or new folder for the demo (nothing there was changed)");
            }
            Path parent = target.getParent();
            Files.createDirectories(parent);
            Path tmp = Files.createTempDirectory(parent, "." + target.getFileName() + ".tmp-");
            try {
                long t0 = System.nanoTime();
                generate(tmp, spec, progress);
                LOG.info("generated the demo catalog ({} items, {} users) in {} ms into {}", spec.items(),
                        spec.users(), (System.nanoTime() - t0) / 1_000_000, target);
                install(tmp, target, marker);
            } finally {
                deleteRecursively(tmp);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot generate the demo catalog in '" + target + "': "
                    + e.getMessage(), e);
        }
    }

    /** Reads a demo folder written by {@link #ensure} through {@link TabularImporter}. */
    public static Dataset load(Path dir) {
        CatalogSpec catalog = new CatalogSpec(dir.resolve(CATALOG_FILE), Format.TSV, "item_id", "title",
                List.of("description"), "image", "audio", List.of("genre", "year"), "|");
        InteractionsSpec interactions = new InteractionsSpec(dir.resolve(INTERACTIONS_FILE), Format.TSV, "user_id",
                "item_id", "rating", "timestamp", true);
        return TabularImporter.load("demo", catalog, interactions);
    }

    /** Reads the hidden attributes of a demo folder's items and users. */
    public static DemoTruth truth(Path dir) {
        return new DemoTruth(readTruth(dir.resolve(TRUTH_ITEMS)), readTruth(dir.resolve(TRUTH_USERS)));
    }

    // ---- generation -------------------------------------------------------------------------------------------

    /** Everything generated for one item; media are written to disk as they are made. */
    private record GeneratedItem(String id, String title, String description, String image, String audio,
                                 String genre, int year, DemoLatent latent, double popularity) {
    }

    static void generate(Path out, DemoSpec spec, ProgressListener progress) throws IOException {
        Files.createDirectories(out.resolve("images"));
        Files.createDirectories(out.resolve("audio"));
        progress.start("Generating demo catalog", (long) spec.items() + spec.users());
        try {
            int width = Integer.toString(spec.items()).length();
            GeneratedItem[] items = IntStream.range(0, spec.items()).parallel().mapToObj(i -> {
                GeneratedItem item = generateItem(out, spec, i, width);
                progress.advance(1);
                return item;
            }).toArray(GeneratedItem[]::new);
            DemoLatent[] prefs = new DemoLatent[spec.users()];
            for (int u = 0; u < spec.users(); u++) {
                SplittableRandom rng = rng(spec.seed(), PREF_STREAM, u);
                prefs[u] = new DemoLatent(rng.nextInt(CLASSES), rng.nextInt(CLASSES), rng.nextInt(CLASSES));
            }
            int userWidth = Integer.toString(spec.users()).length();
            List<List<String[]>> rows = IntStream.range(0, spec.users()).parallel().mapToObj(u -> {
                List<String[]> r = sampleUser(spec, userId(u, userWidth), prefs[u], items, rng(spec.seed(),
                        USER_STREAM, u));
                progress.advance(1);
                return r;
            }).toList();
            writeCatalog(out.resolve(CATALOG_FILE), items);
            try (Writer w = Files.newBufferedWriter(out.resolve(INTERACTIONS_FILE), StandardCharsets.UTF_8);
                 CSVPrinter p = new CSVPrinter(w, TSV)) {
                p.printRecord("user_id", "item_id", "rating", "timestamp");
                for (List<String[]> user : rows) {
                    for (String[] row : user) {
                        p.printRecord((Object[]) row);
                    }
                }
            }
            try (Writer w = Files.newBufferedWriter(out.resolve(TRUTH_ITEMS), StandardCharsets.UTF_8);
                 CSVPrinter p = new CSVPrinter(w, TSV)) {
                p.printRecord("id", "topic", "hue", "sound");
                for (GeneratedItem item : items) {
                    p.printRecord(item.id(), item.latent().topic(), item.latent().hue(), item.latent().sound());
                }
            }
            try (Writer w = Files.newBufferedWriter(out.resolve(TRUTH_USERS), StandardCharsets.UTF_8);
                 CSVPrinter p = new CSVPrinter(w, TSV)) {
                p.printRecord("id", "topic", "hue", "sound");
                for (int u = 0; u < prefs.length; u++) {
                    p.printRecord(userId(u, userWidth), prefs[u].topic(), prefs[u].hue(), prefs[u].sound());
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            progress.finish();
        }
    }

    private static GeneratedItem generateItem(Path out, DemoSpec spec, int index, int width) {
        SplittableRandom rng = rng(spec.seed(), ITEM_STREAM, index);
        String id = "i" + "0".repeat(width - Integer.toString(index + 1).length()) + (index + 1);
        DemoLatent latent = new DemoLatent(rng.nextInt(CLASSES), rng.nextInt(CLASSES), rng.nextInt(CLASSES));
        boolean noText = rng.nextDouble() < MISSING_RATE;
        boolean noImage = rng.nextDouble() < MISSING_RATE;
        boolean noAudio = rng.nextDouble() < MISSING_RATE;
        double popularity = Math.exp(0.5 * rng.nextGaussian());
        int year = 1960 + rng.nextInt(65);
        String title = DemoText.title(rng);
        // Content is drawn even when left out, so that dropping a modality does not shift the others' randomness.
        String description = DemoText.description(latent.topic(), rng);
        byte[] png = DemoImage.png(latent.hue(), rng);
        byte[] wav = DemoAudio.wav(DemoAudio.samples(latent.sound(), rng));
        String image = "images/" + id + ".png";
        String audio = "audio/" + id + ".wav";
        try {
            if (!noImage) {
                Files.write(out.resolve(image), png);
            }
            if (!noAudio) {
                Files.write(out.resolve(audio), wav);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new GeneratedItem(id, title, noText ? "" : description, noImage ? "" : image, noAudio ? "" : audio,
                TOPICS.get(latent.topic()), year, latent, popularity);
    }

    /**
     * Draws one user's interactions without replacement, with probability proportional to the match weight times
     * the item's popularity times a small personal taste (Efraimidis-Spirakis keys), at times spread over the
     * user's active period.
     */
    private static List<String[]> sampleUser(DemoSpec spec, String user, DemoLatent pref, GeneratedItem[] items,
                                             SplittableRandom rng) {
        double sigma = 0.45;
        int n = (int) Math.round(spec.interactionsPerUser() * Math.exp(sigma * rng.nextGaussian() - sigma * sigma / 2));
        n = Math.max(3, Math.min(n, items.length / 4));
        // A min-heap of the n largest keys log(U)/w.
        PriorityQueue<double[]> top = new PriorityQueue<>(n + 1, Comparator.comparingDouble(a -> a[0]));
        for (int i = 0; i < items.length; i++) {
            double taste = Math.exp(0.3 * rng.nextGaussian());
            double w = MATCH_WEIGHT[pref.matches(items[i].latent())] * items[i].popularity() * taste;
            double key = Math.log(1 - rng.nextDouble()) / w;
            if (top.size() < n) {
                top.add(new double[]{key, i});
            } else if (key > top.peek()[0]) {
                top.poll();
                top.add(new double[]{key, i});
            }
        }
        List<Integer> chosen = new ArrayList<>(top.stream().map(a -> (int) a[1]).toList());
        chosen.sort(null);
        for (int i = chosen.size() - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            chosen.set(j, chosen.set(i, chosen.get(j)));
        }
        long start = START + (long) (rng.nextDouble() * SPAN * 0.7);
        long active = (long) ((30 + rng.nextDouble() * 335) * 86_400);
        long[] times = new long[chosen.size()];
        for (int k = 0; k < times.length; k++) {
            times[k] = start + (long) (rng.nextDouble() * active);
        }
        java.util.Arrays.sort(times);
        List<String[]> rows = new ArrayList<>(chosen.size());
        for (int k = 0; k < chosen.size(); k++) {
            GeneratedItem item = items[chosen.get(k)];
            int m = pref.matches(item.latent());
            long rating = Math.max(1, Math.min(5, Math.round(1.8 + 0.9 * m + 0.7 * rng.nextGaussian())));
            rows.add(new String[]{user, item.id(), Long.toString(rating), Long.toString(times[k])});
        }
        return rows;
    }

    private static void writeCatalog(Path file, GeneratedItem[] items) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8); CSVPrinter p = new CSVPrinter(w, TSV)) {
            p.printRecord("item_id", "title", "description", "image", "audio", "genre", "year");
            for (GeneratedItem item : items) {
                p.printRecord(item.id(), item.title(), item.description(), item.image(), item.audio(), item.genre(),
                        item.year());
            }
        }
    }

    private static String userId(int index, int width) {
        String n = Integer.toString(index + 1);
        return "u" + "0".repeat(width - n.length()) + n;
    }

    /** An independent, reproducible stream per (seed, purpose, index), whatever thread draws it. */
    static SplittableRandom rng(long seed, long stream, long index) {
        long z = seed * 0x9E3779B97F4A7C15L + stream * 0xBF58476D1CE4E5B9L + index * 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return new SplittableRandom(z ^ (z >>> 31));
    }

    // ---- folder handling --------------------------------------------------------------------------------------

    private static boolean markerMatches(Path dir, String marker) throws IOException {
        Path file = dir.resolve(MARKER_FILE);
        return Files.isRegularFile(file) && Files.readString(file, StandardCharsets.UTF_8).equals(marker);
    }

    private static boolean isEmptyDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    /** Moves the generated folder into place, replacing an older demo; the marker is written last. */
    private static void install(Path tmp, Path target, String marker) throws IOException {
        Files.writeString(tmp.resolve(MARKER_FILE), marker, StandardCharsets.UTF_8);
        Path old = null;
        if (Files.exists(target)) {
            old = target.resolveSibling("." + target.getFileName() + ".old-" + System.nanoTime());
            Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        }
        try {
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target);
            }
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
            // Another process generated it meanwhile: keep theirs if it is the same spec.
            if (!markerMatches(target, marker)) {
                throw e;
            }
        } finally {
            if (old != null) {
                deleteRecursively(old);
            }
        }
    }

    static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static Map<String, DemoLatent> readTruth(Path file) {
        Map<String, DemoLatent> out = new HashMap<>();
        List<DatasetProblem> problems = new ArrayList<>();
        RowReader.read(file, Format.TSV, true, StandardCharsets.UTF_8, List.of("id", "topic", "hue", "sound"),
                problems, row -> out.put(row.text("id"), new DemoLatent(Integer.parseInt(row.text("topic")),
                        Integer.parseInt(row.text("hue")), Integer.parseInt(row.text("sound")))));
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("ground truth '" + file + "' is damaged: " + problems.get(0));
        }
        return out;
    }
}
