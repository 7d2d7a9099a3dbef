package dev.braid.datasets;

import dev.braid.api.data.Item;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class MovieLensImporterTest {
    /** The shared copy of MovieLens 100K, next to the repository; never copied into it. */
    private static final Path SHARED = Path.of("../../../shared/datasets").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void readsASmallHandWrittenCopy() throws IOException {
        Files.writeString(dir.resolve("u.genre"), "unknown|0\nAction|1\nCom\u00e9die|2\n\n", StandardCharsets.ISO_8859_1);
        Files.writeString(dir.resolve("u.item"), "1|Caf\u00e9 (1995)|01-Jan-1995||http://x|0|1|1\n"
                + "2|Old One (1931)|||http://y|1|0|0\n" + "3|broken|row\n", StandardCharsets.ISO_8859_1);
        Files.writeString(dir.resolve("u.data"), "7\t1\t4\t881250949\n8\t2\t2\t881250950\n9\t5\t1\t881250951\n");
        Path mm = Files.createDirectories(dir.resolve("mm/posters"));
        Files.writeString(mm.resolve("1.jpg"), "jpeg");
        Files.writeString(dir.resolve("mm/items.tsv"), "item_id\ttitle\trelease_date\tgenres\timdb_id\tposter_path"
                + "\tdescription\tdescription_check\n"
                + "1\tCafé (1995)\t01-Jan-1995\tAction\ttt1\tposters/1.jpg\t\"A \"\"quoted\"\" plot.\"\timdb_verified\n"
                + "2\tOld One (1931)\t\t\ttt2\tposters/2.jpg\tA dropped plot.\timdb_mismatch\n");

        Dataset titlesOnly = MovieLensImporter.load(dir, null);
        assertThat(titlesOnly.catalog().items()).extracting(Item::id).containsExactly("1", "2");
        Item cafe = titlesOnly.catalog().item(0);
        assertThat(cafe.title()).isEqualTo("Café (1995)");
        assertThat(cafe.values("genre")).containsExactly("Action", "Comédie");
        assertThat(cafe.values("year")).containsExactly("1995");
        assertThat(titlesOnly.catalog().item(1).values("year")).containsExactly("1931");
        assertThat(titlesOnly.catalog().item(1).values("genre")).containsExactly("unknown");
        assertThat(cafe.content().text()).isEqualTo("Café (1995)");
        assertThat(titlesOnly.interactions()).hasSize(2);
        assertThat(titlesOnly.problems()).hasSize(2);
        assertThat(titlesOnly.problems().get(0).line()).isEqualTo(3);
        assertThat(titlesOnly.problems().get(1).message()).contains("1 interaction(s)", "'5'");

        Dataset withContent = MovieLensImporter.load(dir, dir.resolve("mm/items.tsv"));
        assertThat(withContent.catalog().item(0).content().text()).isEqualTo("Café (1995). A \"quoted\" plot.");
        assertThat(withContent.catalog().item(0).content().image()).isNotNull();
        assertThat(withContent.catalog().item(1).content().text()).isEqualTo("Old One (1931)");
        assertThat(withContent.catalog().item(1).content().image()).isNull();
        assertThat(withContent.problems()).anySatisfy(p -> {
            assertThat(p.itemId()).isEqualTo("2");
            assertThat(p.message()).contains("does not exist");
        });
        assertThat(withContent.fingerprint()).isNotEqualTo(titlesOnly.fingerprint());
    }

    @Test
    @Tag("slow")
    void readsTheSharedMovieLens100k() {
        Path ml = SHARED.resolve("ml-100k");
        Path items = SHARED.resolve("ml-100k-mm/items.tsv");
        assumeTrue(Files.isRegularFile(ml.resolve("u.data")) && Files.isRegularFile(items),
                "MovieLens 100K not found under " + SHARED + "; skipping (see shared/datasets/README.md)");

        Dataset d = MovieLensImporter.load(ml, items);

        assertThat(d.interactions()).hasSize(100_000);
        assertThat(d.userCount()).isEqualTo(943);
        assertThat(d.catalog().size()).isEqualTo(1682);
        assertThat(d.catalog().items().stream().filter(i -> i.content().image() != null)).hasSize(1471);
        // 1,208 imdb_verified + 257 year_match plots are trusted; the rest keep the title only.
        assertThat(d.catalog().items().stream().filter(i -> !i.content().text().equals(i.title()))).hasSize(1465);
        assertThat(d.problems()).isEmpty();
        Item toyStory = d.catalog().item(d.catalog().indexOf("1"));
        assertThat(toyStory.title()).isEqualTo("Toy Story (1995)");
        assertThat(toyStory.values("genre")).containsExactly("Animation", "Children's", "Comedy");
        assertThat(toyStory.content().text()).startsWith("Toy Story (1995). A cowboy doll");
        assertThat(d.interactions().get(0)).satisfies(x -> {
            assertThat(x.user()).isEqualTo("196");
            assertThat(x.item()).isEqualTo("242");
            assertThat(x.rating()).isEqualTo(3.0);
            assertThat(x.timestamp()).isEqualTo(881_250_949L);
        });
    }
}
