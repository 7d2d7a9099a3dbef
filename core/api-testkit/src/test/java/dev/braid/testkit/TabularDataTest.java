package dev.braid.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TabularDataTest {
    @TempDir
    Path dir;

    @Test
    void writesBothFilesAndTheDatasetSectionThatReadsThem() throws Exception {
        String section = new TabularData("id: id, title: title, text: [plot]", "id", "title", "plot")
                .item("m1", "Title 1", "a story").item("m2", "Title 2", "")
                .interaction("u1", "m2", 5).interaction("u2", "m1", 3)
                .writeTo(dir);
        assertThat(Files.readString(dir.resolve("data/catalog.tsv")))
                .isEqualTo("id\ttitle\tplot\nm1\tTitle 1\ta story\nm2\tTitle 2\t\n");
        assertThat(Files.readString(dir.resolve("data/interactions.tsv")))
                .isEqualTo("user\titem\trating\nu1\tm2\t5\nu2\tm1\t3\n");
        assertThat(section).isEqualTo("""
                dataset:
                  type: tabular
                  catalog: {file: data/catalog.tsv, id: id, title: title, text: [plot]}
                  interactions: {file: data/interactions.tsv, user: user, item: item, rating: rating}
                """);
    }

    @Test
    void aRowThatWouldNotReadBackIsRefusedNamingIt() {
        TabularData data = new TabularData("id: id, title: title", "id", "title");
        assertThatThrownBy(() -> data.item("m1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[m1]", "1 values for 2 columns");
        assertThatThrownBy(() -> data.item("m1", "two\tcolumns"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("catalog row [m1, two\tcolumns]");
        assertThatThrownBy(() -> data.interaction("u1\n", "m1", 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("interaction");
    }
}
