package dev.braid.datasets;

import dev.braid.api.component.ProgressListener;
import dev.braid.api.data.Catalog;
import dev.braid.api.data.Interaction;
import dev.braid.api.data.Item;
import dev.braid.api.data.Media;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToIntBiFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DemoCatalogTest {
    private static final DemoSpec SPEC = new DemoSpec(480, 240, 24, 7L);

    @TempDir
    static Path shared;
    static Path demo;
    static Dataset dataset;
    static DemoTruth truth;

    @TempDir
    Path dir;

    @BeforeAll
    static void generate() {
        generate(SPEC);
    }

    static void generate(DemoSpec spec) {
        demo = DemoCatalog.ensure(shared.resolve("demo"), spec, ProgressListener.NONE);
        dataset = DemoCatalog.load(demo);
        truth = DemoCatalog.truth(demo);
    }

    @Test
    void generatesTheFilesAndLoadsThemWithoutProblems() {
        assertThat(dataset.problems()).isEmpty();
        assertThat(dataset.catalog().size()).isEqualTo(480);
        assertThat(dataset.userCount()).isEqualTo(240);
        assertThat(dataset.interactions().size() / 240.0).isBetween(20.0, 28.0);
        assertThat(truth.items()).hasSize(480);
        assertThat(truth.users()).hasSize(240);
        Item first = dataset.catalog().item(0);
        assertThat(first.id()).isEqualTo("i001");
        assertThat(first.values("genre")).containsExactly(DemoCatalog.TOPICS.get(truth.items().get("i001").topic()));
        assertThat(Integer.parseInt(first.values("year").get(0))).isBetween(1960, 2024);
        // Ratings grow with the number of matched preferences.
        double[] sum = new double[4];
        int[] count = new int[4];
        for (Interaction x : dataset.interactions()) {
            int m = truth.users().get(x.user()).matches(truth.items().get(x.item()));
            sum[m] += x.rating();
            count[m]++;
        }
        assertThat(sum[3] / count[3]).isGreaterThan(sum[1] / count[1] + 1);
        assertThat(sum[1] / count[1]).isGreaterThan(sum[0] / count[0] + 0.5);
    }

    @Test
    void someItemsLackEachModalityOnPurpose() {
        Catalog c = dataset.catalog();
        long noText = c.items().stream().filter(i -> i.content().text() == null).count();
        long noImage = c.items().stream().filter(i -> i.content().image() == null).count();
        long noAudio = c.items().stream().filter(i -> i.content().audio() == null).count();
        assertThat(List.of(noText, noImage, noAudio)).allSatisfy(n -> assertThat(n).isBetween(10L, 45L));
    }

    @Test
    void eachModalityExpressesItsHiddenAttribute() throws IOException {
        int textOk = 0;
        int imageOk = 0;
        int audioOk = 0;
        int texts = 0;
        int images = 0;
        int audios = 0;
        for (Item item : dataset.catalog().items().subList(0, 60)) {
            DemoLatent latent = truth.items().get(item.id());
            if (item.content().text() != null) {
                texts++;
                textOk += dominantTopic(item.content().text()) == latent.topic() ? 1 : 0;
            }
            if (item.content().image() != null) {
                images++;
                BufferedImage img = ImageIO.read(((Media.FileMedia) item.content().image()).path().toFile());
                assertThat(img.getWidth()).isEqualTo(96);
                imageOk += dominantHue(img) == latent.hue() ? 1 : 0;
            }
            if (item.content().audio() != null) {
                audios++;
                audioOk += soundClass(item.content().audio().readAllBytes()) == latent.sound() ? 1 : 0;
            }
        }
        assertThat((double) textOk / texts).isGreaterThan(0.95);
        assertThat((double) imageOk / images).isGreaterThan(0.85);
        assertThat((double) audioOk / audios).isGreaterThan(0.95);
    }

    @Test
    void usersConcentrateOnItemsMatchingTheirPreferencesInEveryAttribute() {
        int[] matched = new int[3];
        for (Interaction x : dataset.interactions()) {
            DemoLatent u = truth.users().get(x.user());
            DemoLatent i = truth.items().get(x.item());
            matched[0] += u.topic() == i.topic() ? 1 : 0;
            matched[1] += u.hue() == i.hue() ? 1 : 0;
            matched[2] += u.sound() == i.sound() ? 1 : 0;
        }
        int n = dataset.interactions().size();
        // Without a planted signal each share would be 1/8.
        for (int a = 0; a < 3; a++) {
            assertThat((double) matched[a] / n).as("attribute %d", a).isGreaterThan(0.3);
        }
    }

    @Test
    void allThreeAttributesPredictHeldOutInteractionsBetterThanAnyOne() {
        double all = oracleHitRate((u, i) -> u.matches(i));
        double topic = oracleHitRate((u, i) -> u.topic() == i.topic() ? 1 : 0);
        double hue = oracleHitRate((u, i) -> u.hue() == i.hue() ? 1 : 0);
        double sound = oracleHitRate((u, i) -> u.sound() == i.sound() ? 1 : 0);
        double popularity = oracleHitRate((u, i) -> 0);
        org.slf4j.LoggerFactory.getLogger(DemoCatalogTest.class).info(
                "hit@10 all={} topic={} hue={} sound={} popularity={}", all, topic, hue, sound, popularity);
        for (double single : List.of(topic, hue, sound)) {
            assertThat(single).isGreaterThan(popularity + 0.02);
            assertThat(all).isGreaterThan(single * 1.5);
        }
    }

    @Test
    void ensureReusesAnUpToDateFolderAndRegeneratesWhenTheSpecChanges() throws IOException {
        DemoSpec small = new DemoSpec(40, 10, 5, 1L);
        AtomicLong units = new AtomicLong();
        ProgressListener progress = new ProgressListener() {
            @Override
            public void start(String task, long totalUnits) {
                assertThat(totalUnits).isEqualTo(50);
            }

            @Override
            public void advance(long n) {
                units.addAndGet(n);
            }

            @Override
            public void finish() {
            }
        };
        Path a = DemoCatalog.ensure(dir.resolve("a"), small, progress);
        assertThat(units.get()).isEqualTo(50);
        Object key = Files.readAttributes(a.resolve("catalog.tsv"),
                java.nio.file.attribute.BasicFileAttributes.class).fileKey();

        assertThat(DemoCatalog.ensure(dir.resolve("a"), small, progress)).isEqualTo(a);
        assertThat(units.get()).as("not generated again").isEqualTo(50);
        assertThat(Files.readAttributes(a.resolve("catalog.tsv"),
                java.nio.file.attribute.BasicFileAttributes.class).fileKey()).isEqualTo(key);

        Path b = DemoCatalog.ensure(dir.resolve("b"), small, ProgressListener.NONE);
        for (String f : List.of("catalog.tsv", "interactions.tsv", "truth-items.tsv", "images/i01.png",
                "audio/i02.wav")) {
            if (Files.exists(a.resolve(f))) {
                assertThat(Files.readAllBytes(b.resolve(f))).as(f).isEqualTo(Files.readAllBytes(a.resolve(f)));
            }
        }

        DemoCatalog.ensure(dir.resolve("a"), new DemoSpec(40, 10, 5, 2L), ProgressListener.NONE);
        assertThat(Files.readString(a.resolve("catalog.tsv"))).isNotEqualTo(Files.readString(b.resolve("catalog.tsv")));
        assertThat(Files.readString(a.resolve(DemoCatalog.MARKER_FILE))).contains("seed=2");
        try (var siblings = Files.list(dir)) {
            assertThat(siblings.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("a", "b");
        }
    }

    @Test
    void ensureNeverOverwritesAFolderItDidNotWrite() throws IOException {
        Path other = Files.createDirectories(dir.resolve("mine"));
        Files.writeString(other.resolve("notes.txt"), "keep");
        assertThatThrownBy(() -> DemoCatalog.ensure(other, new DemoSpec(40, 10, 5, 1L), ProgressListener.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a demo catalog folder");
        assertThat(Files.readString(other.resolve("notes.txt"))).isEqualTo("keep");
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertThat(DemoCatalog.ensure(empty, new DemoSpec(40, 10, 5, 1L), ProgressListener.NONE)
                .resolve("catalog.tsv")).exists();
        assertThatThrownBy(() -> new DemoSpec(100, 10, 30, 1L)).hasMessageContaining("interactionsPerUser");
    }

    @Test
    void writesOneSecondOf16kHz16BitMonoAudio() throws IOException {
        Item item = dataset.catalog().items().stream().filter(i -> i.content().audio() != null).findFirst()
                .orElseThrow();
        ByteBuffer b = ByteBuffer.wrap(item.content().audio().readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(new String(b.array(), 0, 4)).isEqualTo("RIFF");
        assertThat(b.getShort(20)).as("PCM").isEqualTo((short) 1);
        assertThat(b.getShort(22)).as("channels").isEqualTo((short) 1);
        assertThat(b.getInt(24)).as("sample rate").isEqualTo(16_000);
        assertThat(b.getShort(34)).as("bits").isEqualTo((short) 16);
        assertThat(b.getInt(40)).as("data bytes").isEqualTo(32_000);
    }

    @Test
    @Tag("slow")
    void generatesTheDefaultDemoWithEveryItemAndUser() {
        // How long generation takes shows in `braid demo`'s progress lines; a test asserts what it produces.
        Path full = DemoCatalog.ensure(dir.resolve("full"), DemoSpec.DEFAULT, ProgressListener.NONE);
        Dataset d = DemoCatalog.load(full);
        assertThat(d.catalog().size()).isEqualTo(3000);
        assertThat(d.userCount()).isEqualTo(1500);
        assertThat(d.problems()).isEmpty();
    }

    // ---- oracles that read the hidden attributes (no encoder) -------------------------------------------------

    /**
     * Leave-last-out hit rate at 10: for each user, hold out the latest interaction, rank the items the user has
     * not seen by the oracle score (ties by training popularity, then catalog order), and count whether the
     * held-out item is in the top 10.
     */
    private static double oracleHitRate(ToIntBiFunction<DemoLatent, DemoLatent> score) {
        Catalog catalog = dataset.catalog();
        int n = catalog.size();
        DemoLatent[] latent = new DemoLatent[n];
        for (int i = 0; i < n; i++) {
            latent[i] = truth.items().get(catalog.item(i).id());
        }
        Map<String, List<Interaction>> byUser = new HashMap<>();
        dataset.interactions().forEach(x -> byUser.computeIfAbsent(x.user(), k -> new ArrayList<>()).add(x));
        Map<String, Interaction> heldOut = new HashMap<>();
        int[] popularity = new int[n];
        byUser.forEach((user, xs) -> {
            Interaction last = xs.stream().max(Comparator.comparingLong(Interaction::timestamp)).orElseThrow();
            heldOut.put(user, last);
            xs.stream().filter(x -> x != last).forEach(x -> popularity[catalog.indexOf(x.item())]++);
        });
        int hits = 0;
        for (Map.Entry<String, List<Interaction>> e : byUser.entrySet()) {
            DemoLatent pref = truth.users().get(e.getKey());
            Set<Integer> seen = new HashSet<>();
            e.getValue().forEach(x -> seen.add(catalog.indexOf(x.item())));
            int target = catalog.indexOf(heldOut.get(e.getKey()).item());
            seen.remove(target);
            long targetKey = (long) score.applyAsInt(pref, latent[target]) * (n + 1) + popularity[target];
            // The target is in the top 10 when fewer than 10 unseen items rank before it.
            int before = 0;
            for (int i = 0; i < n && before < 10; i++) {
                if (i == target || seen.contains(i)) {
                    continue;
                }
                long key = (long) score.applyAsInt(pref, latent[i]) * (n + 1) + popularity[i];
                before += key > targetKey || (key == targetKey && i < target) ? 1 : 0;
            }
            hits += before < 10 ? 1 : 0;
        }
        return (double) hits / byUser.size();
    }

    private static int dominantTopic(String text) {
        int[] counts = new int[DemoCatalog.CLASSES];
        for (String w : text.toLowerCase().split("[^a-z]+")) {
            for (int t = 0; t < DemoCatalog.CLASSES; t++) {
                counts[t] += DemoText.VOCABULARY.get(t).contains(w) ? 1 : 0;
            }
        }
        return argmax(counts);
    }

    /** The hue bin (of 8) holding the most saturated, bright pixels. */
    private static int dominantHue(BufferedImage img) {
        double[] weight = new double[DemoCatalog.CLASSES];
        float[] hsb = new float[3];
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y);
                Color.RGBtoHSB((rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff, hsb);
                int bin = Math.floorMod(Math.round(hsb[0] * DemoCatalog.CLASSES), DemoCatalog.CLASSES);
                weight[bin] += hsb[1] * hsb[2];
            }
        }
        return argmax(weight);
    }

    /**
     * The class whose pitch band (+-4%) holds the most energy, by Goertzel filters (1 Hz apart) over half a second
     * of the 16-bit samples (bins 2 Hz wide, so a tone between two filters loses little).
     */
    private static int soundClass(byte[] wav) {
        ByteBuffer b = ByteBuffer.wrap(wav, 44, wav.length - 44).order(ByteOrder.LITTLE_ENDIAN);
        double[] x = new double[8_000];
        b.position(44 + 2 * 800);
        for (int i = 0; i < x.length; i++) {
            x[i] = b.getShort() / 32768.0;
        }
        double[] power = new double[DemoCatalog.CLASSES];
        for (int c = 0; c < DemoCatalog.CLASSES; c++) {
            double f0 = DemoAudio.pitchOf(c);
            for (double f = f0 * 0.96; f <= f0 * 1.04; f += 1) {
                double coeff = 2 * Math.cos(2 * Math.PI * f / 16_000);
                double s1 = 0;
                double s2 = 0;
                for (double v : x) {
                    double s = v + coeff * s1 - s2;
                    s2 = s1;
                    s1 = s;
                }
                power[c] = Math.max(power[c], s1 * s1 + s2 * s2 - coeff * s1 * s2);
            }
        }
        return argmax(power);
    }

    private static int argmax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            best = v[i] > v[best] ? i : best;
        }
        return best;
    }

    private static int argmax(int[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return argmax(d);
    }
}
