package dev.braid.datasets;

import dev.braid.api.data.Catalog;
import dev.braid.api.data.Interaction;
import dev.braid.api.data.Item;
import dev.braid.api.data.Media;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TabularImporterTest {

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private static CatalogSpec spec(Path file) {
        return new CatalogSpec(file, null, "id", "title", List.of("title", "body"), "image", "audio",
                List.of("genre"), null);
    }

    @Test
    void readsCsvWithQuotingTextMediaAndMultiValuedAttributes() throws IOException {
        write("img/a.png", "png");
        write("snd/a.wav", "wav");
        Path file = write("items.csv", """
                id,title,body,image,audio,genre
                a,Alpha,"One, two
                three",img/a.png,snd/a.wav,Drama| Comedy
                b,Beta,,,,
                c,,,,,Horror
                """);

        CatalogImport result = TabularImporter.readCatalog(spec(file));

        assertThat(result.problems()).isEmpty();
        Catalog catalog = result.catalog();
        assertThat(catalog.items()).extracting(Item::id).containsExactly("a", "b", "c");
        Item a = catalog.item(0);
        assertThat(a.title()).isEqualTo("Alpha");
        assertThat(a.content().text()).isEqualTo("Alpha. One, two\nthree");
        assertThat(a.values("genre")).containsExactly("Drama", "Comedy");
        assertThat(((Media.FileMedia) a.content().image()).path()).isEqualTo(dir.resolve("img/a.png").toRealPath());
        assertThat(a.content().audio()).isNotNull();
        assertThat(catalog.item(1).content().text()).isEqualTo("Beta");
        assertThat(catalog.item(1).content().image()).isNull();
        assertThat(catalog.item(1).attributes()).doesNotContainKey("genre");
        // No text column holds anything: the text modality is absent, not empty.
        assertThat(catalog.item(2).content().text()).isNull();
    }

    @Test
    void readsTsvWithRfc4180QuotesAndInfersTheFormat() throws IOException {
        Path file = write("items.tsv", "id\ttitle\tbody\timage\taudio\tgenre\n"
                + "1\tSay \"\"hi\"\"\t\"He said \"\"no\"\"\tthen\"\t\t\tA|B\n"
                + "2\tplain \"quote\" inside\tx\t\t\t\n");

        CatalogImport result = TabularImporter.readCatalog(spec(file));

        assertThat(result.problems()).isEmpty();
        assertThat(result.catalog().item(0).content().text()).isEqualTo("Say \"\"hi\"\". He said \"no\"\tthen");
        assertThat(result.catalog().item(1).title()).isEqualTo("plain \"quote\" inside");
        assertThat(result.catalog().item(0).values("genre")).containsExactly("A", "B");
    }

    @Test
    void readsJsonLinesWithArraysAndReportsBrokenLines() throws IOException {
        write("p/x.png", "png");
        Path file = write("items.jsonl", """
                {"id": "x", "title": "Ex", "body": "text", "image": "p/x.png", "genre": ["Sci-Fi", "War"], "n": 3}
                {"id": 7, "title": "Seven", "genre": "A|B"}

                {"id": "broken",
                [1, 2]
                {"title": "no id"}
                """);

        CatalogImport result = TabularImporter.readCatalog(spec(file));

        assertThat(result.catalog().items()).extracting(Item::id).containsExactly("x", "7");
        assertThat(result.catalog().item(0).values("genre")).containsExactly("Sci-Fi", "War");
        assertThat(result.catalog().item(0).content().image()).isNotNull();
        assertThat(result.catalog().item(1).values("genre")).containsExactly("A", "B");
        assertThat(result.problems()).extracting(DatasetProblem::line).containsExactly(4L, 5L, 6L);
        assertThat(result.problems().get(0).message()).contains("not valid JSON");
        assertThat(result.problems().get(2).field()).isEqualTo("id");
    }

    @Test
    void badRowsAreReportedWithTheirLineAndSkipped() throws IOException {
        Path file = write("items.csv", """
                id,title,body,image,audio,genre
                a,"multi
                line title",,,,
                ,No id,,,,
                b,too,few
                a,again,,,,

                c,ok,,,,
                d,too,many,,,,,
                """);

        CatalogImport result = TabularImporter.readCatalog(spec(file));

        assertThat(result.catalog().items()).extracting(Item::id).containsExactly("a", "c");
        assertThat(result.problems()).extracting(DatasetProblem::line).containsExactly(4L, 5L, 6L, 9L);
        assertThat(result.problems().get(0).message()).contains("no item id");
        assertThat(result.problems().get(1).message()).contains("expected 6 columns, found 3");
        assertThat(result.problems().get(2).itemId()).isEqualTo("a");
        assertThat(result.problems().get(2).message()).contains("duplicate", "line 2");
        assertThat(result.problems()).allSatisfy(p -> assertThat(p.file()).isEqualTo(file.toString()));
    }

    @Test
    void anUnterminatedQuoteStopsTheFileWithAProblem() throws IOException {
        Path file = write("items.csv", "id,title,body,image,audio,genre\na,A,,,,\nb,\"never closed,,,,\nc,C,,,,\n");

        CatalogImport result = TabularImporter.readCatalog(spec(file));

        assertThat(result.catalog().items()).extracting(Item::id).containsExactly("a");
        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(3);
            assertThat(p.message()).contains("malformed quoting");
        });
    }

    @Test
    void mediaThatEscapeTheCatalogFolderAreRefusedAndMissingMediaReported() throws IOException {
        Path catalogDir = dir.resolve("catalog");
        Files.createDirectories(catalogDir);
        Path outside = write("secret.png", "secret");
        Files.createSymbolicLink(catalogDir.resolve("link.png"), outside);
        write("catalog/ok.png", "ok");
        Path file = write("catalog/items.csv", "id,title,body,image,audio,genre\n"
                + "up,,,../secret.png,,\n"
                + "abs,,,\"" + outside.toAbsolutePath() + "\",,\n"
                + "sym,,,link.png,,\n"
                + "gone,,,missing.png,,\n"
                + "sneaky,,,sub/../../secret.png,,\n"
                + "fine,,,./ok.png,,\n");

        CatalogImport result = TabularImporter.readCatalog(spec(file));

        assertThat(result.catalog().size()).isEqualTo(6);
        assertThat(result.catalog().items().subList(0, 5)).allSatisfy(i -> assertThat(i.content().image()).isNull());
        assertThat(result.catalog().item(5).content().image()).isNotNull();
        assertThat(result.problems()).extracting(DatasetProblem::itemId)
                .containsExactly("up", "abs", "sym", "gone", "sneaky");
        assertThat(result.problems()).extracting(DatasetProblem::field).containsOnly("image");
        assertThat(result.problems().get(0).message()).contains("escapes");
        assertThat(result.problems().get(1).message()).contains("absolute");
        assertThat(result.problems().get(2).message()).contains("link", "outside");
        assertThat(result.problems().get(3).message()).contains("does not exist", "kept without it");
        assertThat(result.problems().get(3).line()).isEqualTo(5);
    }

    @Test
    void aMissingColumnOrFileIsAConfigurationError() throws IOException {
        Path file = write("items.csv", "id,title\na,A\n");
        assertThatThrownBy(() -> TabularImporter.readCatalog(spec(file)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no column 'body'")
                .hasMessageContaining("[id, title]");
        assertThatThrownBy(() -> TabularImporter.readCatalog(spec(dir.resolve("nope.csv"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope.csv");
        assertThatThrownBy(() -> Format.ofFile(Path.of("items.xlsx")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("items.xlsx");
    }

    @Test
    void interactionsReportUnknownItemsOnceAndBadValuesWithTheirLine() throws IOException {
        Catalog catalog = new Catalog(List.of(Item.ofText("a", "A"), Item.ofText("b", "B")));
        Path file = write("x.csv", """
                user,item,rating,time
                u1,a,4,100
                u1,zz,5,101
                u2,b,,2021-03-04T05:06:07Z
                u2,a,great,102
                u3,b,3,yesterday
                u3,yy,1,103
                ,a,1,1
                u4,b,2.5,2020-01-02
                """);

        InteractionsImport result = TabularImporter.readInteractions(
                new InteractionsSpec(file, null, "user", "item", "rating", "time", true), catalog);

        assertThat(result.interactions()).containsExactly(
                new Interaction("u1", "a", 4, 100),
                new Interaction("u2", "b", Double.NaN, 1_614_834_367L),
                new Interaction("u4", "b", 2.5, 1_577_923_200L));
        assertThat(result.problems()).extracting(DatasetProblem::line).containsExactly(5L, 6L, 8L, 0L);
        assertThat(result.problems().get(0).field()).isEqualTo("rating");
        assertThat(result.problems().get(1).field()).isEqualTo("time");
        DatasetProblem unknown = result.problems().get(3);
        assertThat(unknown.message()).startsWith("2 interaction(s)").contains("'zz' (line 3)", "'yy' (line 7)");
    }

    @Test
    void interactionsWithoutHeaderUseColumnPositions() throws IOException {
        Catalog catalog = new Catalog(List.of(Item.ofText("10", "ten")));
        Path file = write("u.data", "1\t10\t3\t881250949\n2\t10\t5\t881250950\n3\t10\n");

        InteractionsImport result = TabularImporter.readInteractions(
                new InteractionsSpec(file, Format.TSV, "0", "1", "2", "3", false), catalog);

        assertThat(result.interactions()).extracting(Interaction::user).containsExactly("1", "2");
        assertThat(result.interactions().get(1).timestamp()).isEqualTo(881_250_950L);
        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(3);
            assertThat(p.message()).contains("expected 4 columns, found 2");
        });
        assertThatThrownBy(() -> TabularImporter.readInteractions(
                new InteractionsSpec(file, Format.TSV, "0", "1", "2", "7", false), catalog))
                .hasMessageContaining("no column '7'").hasMessageContaining("numbered 0..3");
    }

    @Test
    void theFingerprintIsStableAndFollowsTheFiles() throws IOException {
        write("m/a.png", "png");
        Path items = write("items.csv", "id,title,body,image,audio,genre\na,A,,m/a.png,,\n");
        Path inter = write("x.csv", "user,item\nu,a\n");
        InteractionsSpec ispec = new InteractionsSpec(inter, null, "user", "item", null, null, true);

        Dataset first = TabularImporter.load("t", spec(items), ispec);
        Dataset again = TabularImporter.load("t", spec(items), ispec);
        assertThat(first.fingerprint()).isEqualTo(again.fingerprint()).hasSize(64);
        assertThat(first.interactions()).singleElement().satisfies(i -> assertThat(i.hasRating()).isFalse());
        assertThat(first.userCount()).isEqualTo(1);

        Files.setLastModifiedTime(dir.resolve("m/a.png"), FileTime.fromMillis(1_000_000L));
        Dataset mediaChanged = TabularImporter.load("t", spec(items), ispec);
        assertThat(mediaChanged.fingerprint()).isNotEqualTo(first.fingerprint());

        Files.writeString(inter, "user,item\nu,a\nv,a\n");
        Dataset dataChanged = TabularImporter.load("t", spec(items), ispec);
        assertThat(dataChanged.fingerprint()).isNotEqualTo(mediaChanged.fingerprint());
        assertThat(dataChanged.interactions()).hasSize(2);

        CatalogSpec otherSpec = new CatalogSpec(items, null, "id", "title", List.of(), null, null, List.of(), null);
        assertThat(TabularImporter.load("t", otherSpec, ispec).fingerprint()).isNotEqualTo(dataChanged.fingerprint());
        assertThat(Map.of("k", first.catalog().item(0).title())).containsEntry("k", "A");
    }
}
