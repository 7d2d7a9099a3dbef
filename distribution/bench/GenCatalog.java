import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes a generated text-only catalog and interaction log for load tests of {@code braid serve}
 * (run by hand: {@code java distribution/bench/GenCatalog.java --out DIR --items 100000 --users 10000}).
 *
 * <p>Items belong to one of {@code --topics} topics; a description mixes six words of its topic's vocabulary with
 * two filler words, so tf-idf vectors cluster by topic. Each item has a genre (20 values) for rule tests. Users
 * like two topics and interact with {@code --perUser} items of them (ratings 3-5). The same arguments always write
 * the same files ({@code --seed}). Files: {@code catalog.tsv} (id, title, description, genre) and
 * {@code interactions.tsv} (user, item, rating), written to temporary files and moved into place.
 */
public class GenCatalog {
    public static void main(String[] a) throws IOException {
        java.util.Map<String, String> o = new java.util.HashMap<>();
        for (int i = 0; i + 1 < a.length; i += 2) {
            o.put(a[i].replaceFirst("^--", ""), a[i + 1]);
        }
        Path out = Path.of(o.getOrDefault("out", "data-100k"));
        int items = Integer.parseInt(o.getOrDefault("items", "100000"));
        int users = Integer.parseInt(o.getOrDefault("users", "10000"));
        int topics = Integer.parseInt(o.getOrDefault("topics", "500"));
        int perUser = Integer.parseInt(o.getOrDefault("perUser", "20"));
        long seed = Long.parseLong(o.getOrDefault("seed", "7"));
        Files.createDirectories(out);
        SplittableRandom rnd = new SplittableRandom(seed);
        // Each topic owns 12 made-up words; 2,000 filler words are shared by all.
        String[][] vocab = new String[topics][12];
        for (int t = 0; t < topics; t++) {
            for (int w = 0; w < 12; w++) {
                vocab[t][w] = word(rnd, 5 + rnd.nextInt(4));
            }
        }
        String[] filler = new String[2000];
        for (int i = 0; i < filler.length; i++) {
            filler[i] = word(rnd, 4 + rnd.nextInt(5));
        }
        int[] topicOf = new int[items];
        Path cat = out.resolve("catalog.tsv.tmp");
        try (BufferedWriter w = Files.newBufferedWriter(cat, StandardCharsets.UTF_8)) {
            w.write("id\ttitle\tdescription\tgenre\n");
            for (int i = 0; i < items; i++) {
                int t = rnd.nextInt(topics);
                topicOf[i] = t;
                StringBuilder d = new StringBuilder();
                for (int k = 0; k < 6; k++) {
                    d.append(vocab[t][rnd.nextInt(12)]).append(' ');
                }
                d.append(filler[rnd.nextInt(filler.length)]).append(' ').append(filler[rnd.nextInt(filler.length)]);
                String title = vocab[t][rnd.nextInt(12)] + " " + filler[rnd.nextInt(filler.length)];
                w.write(String.format(Locale.ROOT, "i%06d\t%s\t%s\tg%02d%n", i, title, d, rnd.nextInt(20)));
            }
        }
        // Items per topic, for the users' draws.
        int[] count = new int[topics];
        for (int t : topicOf) {
            count[t]++;
        }
        int[][] byTopic = new int[topics][];
        for (int t = 0; t < topics; t++) {
            byTopic[t] = new int[count[t]];
            count[t] = 0;
        }
        for (int i = 0; i < items; i++) {
            byTopic[topicOf[i]][count[topicOf[i]]++] = i;
        }
        Path inter = out.resolve("interactions.tsv.tmp");
        try (BufferedWriter w = Files.newBufferedWriter(inter, StandardCharsets.UTF_8)) {
            w.write("user\titem\trating\n");
            for (int u = 0; u < users; u++) {
                int[] liked = {rnd.nextInt(topics), rnd.nextInt(topics)};
                java.util.Set<Integer> seen = new java.util.HashSet<>();
                for (int n = 0; n < perUser; n++) {
                    int[] pool = byTopic[liked[n % 2]];
                    if (pool.length == 0) {
                        continue;
                    }
                    int item = pool[rnd.nextInt(pool.length)];
                    if (seen.add(item)) {
                        w.write(String.format(Locale.ROOT, "u%05d\ti%06d\t%d%n", u, item, 3 + rnd.nextInt(3)));
                    }
                }
            }
        }
        Files.move(cat, out.resolve("catalog.tsv"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Files.move(inter, out.resolve("interactions.tsv"), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        System.out.printf(Locale.ROOT, "wrote %d items (%d topics), %d users x %d interactions to %s%n", items, topics,
                users, perUser, out);
    }

    private static String word(SplittableRandom rnd, int len) {
        StringBuilder b = new StringBuilder(len);
        for (int i = 0; i < len; i++) {
            b.append((char) ('a' + rnd.nextInt(26)));
        }
        return b.toString();
    }
}
