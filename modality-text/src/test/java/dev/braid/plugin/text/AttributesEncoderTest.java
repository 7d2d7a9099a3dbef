package dev.braid.plugin.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.braid.api.component.ProgressListener;
import dev.braid.api.data.Item;
import dev.braid.api.data.ItemContent;
import dev.braid.api.data.Modality;
import dev.braid.api.encoder.EncodingResult;
import dev.braid.api.encoder.EncodingResult.Failure;
import dev.braid.api.encoder.EncodingResult.FailureKind;
import dev.braid.api.encoder.EncodingResult.Success;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class AttributesEncoderTest {

    private static Item item(String id, Map<String, List<String>> attributes) {
        return new Item(id, "", attributes, ItemContent.EMPTY);
    }

    private static final List<Item> CATALOG = List.of(
            item("1", Map.of("genre", List.of("Comedy", "Drama"), "year", List.of("1994"))),
            item("2", Map.of("genre", List.of("comedy"), "year", List.of("1996"))),
            item("3", Map.of("genre", List.of("Drama", "Thriller"), "year", List.of("1999"))),
            item("4", Map.of("genre", List.of("Horror"), "year", List.of("2001"))),
            item("5", Map.of()));

    private static float[] vector(EncodingResult r) {
        assertThat(r).isInstanceOf(Success.class);
        return ((Success) r).vector();
    }

    private static float dot(float[] a, float[] b) {
        float s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    @Test
    void multiHotSharesSlotsForSharedValuesAndIgnoresRareOnes() {
        AttributesEncoder e = new AttributesEncoder(new AttributesConfig(List.of("genre"), "multi-hot", 8, 2, false,
                Map.of()));
        assertThat(e.modality()).isEqualTo(Modality.ATTRIBUTES);
        e.fit(CATALOG, ProgressListener.NONE);
        List<EncodingResult> r = e.encode(CATALOG);
        float[] a = vector(r.get(0));
        float[] b = vector(r.get(1));
        float[] c = vector(r.get(2));
        assertThat(a).hasSize(8);
        // comedy and drama (two items each) have slots; thriller and horror (one item each) do not
        assertThat(dot(a, a)).isCloseTo(1f, Offset.offset(1e-6f));
        assertThat(dot(a, b)).isCloseTo((float) (1 / Math.sqrt(2)), Offset.offset(1e-6f)); // case-insensitive
        assertThat(dot(a, c)).isCloseTo((float) (1 / Math.sqrt(2)), Offset.offset(1e-6f));
        assertThat(dot(b, c)).isZero();
        assertThat(r.get(3)).isInstanceOf(Failure.class);
        assertThat(((Failure) r.get(3)).kind()).isEqualTo(FailureKind.INVALID);
        assertThat(((Failure) r.get(3)).message()).contains("'4'").contains("genre:horror");
        assertThat(((Failure) r.get(4)).kind()).isEqualTo(FailureKind.MISSING);
    }

    @Test
    void idfMakesRareValuesWeighMore() {
        AttributesEncoder e = new AttributesEncoder(new AttributesConfig(List.of("genre"), "multi-hot", 8, 1, true,
                Map.of()));
        e.fit(CATALOG, ProgressListener.NONE);
        float[] c = vector(e.encode(List.of(CATALOG.get(2))).get(0)); // drama (2 items), thriller (1 item)
        float[] thrillerOnly = vector(e.encode(List.of(item("x", Map.of("genre", List.of("thriller"))))).get(0));
        float[] dramaOnly = vector(e.encode(List.of(item("y", Map.of("genre", List.of("drama"))))).get(0));
        assertThat(dot(c, thrillerOnly)).isGreaterThan(dot(c, dramaOnly));
    }

    @Test
    void numericAttributesAreBucketed() {
        AttributesEncoder e = new AttributesEncoder(new AttributesConfig(List.of("year"), "multi-hot", 8, 1, false,
                Map.of("year", 10)));
        e.fit(CATALOG, ProgressListener.NONE);
        List<EncodingResult> r = e.encode(CATALOG.subList(0, 4));
        assertThat(dot(vector(r.get(0)), vector(r.get(2)))).isCloseTo(1f, Offset.offset(1e-6f)); // 1994 ~ 1999
        assertThat(dot(vector(r.get(0)), vector(r.get(3)))).isZero(); // 1990s vs 2000s
        EncodingResult bad = e.encode(List.of(item("z", Map.of("year", List.of("nineties"))))).get(0);
        assertThat(((Failure) bad).message()).contains("'z'").contains("year").contains("nineties");
    }

    @Test
    void hashedNeedsNoVocabularyAndKeepsIdenticalItemsIdentical() {
        AttributesEncoder e = new AttributesEncoder(new AttributesConfig(List.of(), "hashed", 64, 1, false,
                Map.of()));
        e.fit(CATALOG, ProgressListener.NONE);
        float[] a = vector(e.encode(List.of(item("a", Map.of("tag", List.of("new-tag"))))).get(0));
        float[] b = vector(e.encode(List.of(item("b", Map.of("tag", List.of("new-tag"))))).get(0));
        assertThat(a).containsExactly(b);
        assertThat(dot(a, a)).isCloseTo(1f, Offset.offset(1e-6f));
    }

    @Test
    void unknownEncodingAndEmptyCatalogAreClearErrors() {
        assertThatThrownBy(() -> new AttributesEncoder(new AttributesConfig(List.of(), "one-hot", 8, 1, true,
                Map.of()))).hasMessageContaining("attributes.encoding").hasMessageContaining("multi-hot");
        AttributesEncoder e = new AttributesEncoder(new AttributesConfig(List.of("brand"), "multi-hot", 8, 1, true,
                Map.of()));
        assertThatThrownBy(() -> e.fit(CATALOG, ProgressListener.NONE)).hasMessageContaining("brand")
                .hasMessageContaining("genre");
    }

    @Test
    void itemsKnowWhetherTheyCarryAttributes() {
        assertThat(CATALOG.get(0).has(Modality.ATTRIBUTES)).isTrue();
        assertThat(CATALOG.get(4).has(Modality.ATTRIBUTES)).isFalse();
        assertThat(CATALOG.get(0).content().has(Modality.ATTRIBUTES)).isFalse();
    }
}
