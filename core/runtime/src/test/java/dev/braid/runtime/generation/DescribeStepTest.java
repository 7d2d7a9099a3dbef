package dev.braid.runtime.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.braid.api.component.ProgressListener;
import dev.braid.api.data.Catalog;
import dev.braid.api.data.Interaction;
import dev.braid.api.data.InteractionMatrix;
import dev.braid.api.data.Item;
import dev.braid.api.data.ItemContent;
import dev.braid.api.data.Media;
import dev.braid.api.data.Modality;
import dev.braid.runtime.config.BraidConfig;
import dev.braid.runtime.config.ConfigException;
import dev.braid.runtime.config.ParamBinder;
import dev.braid.runtime.plugin.ComponentRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The describe step: descriptions join the text the text encoder reads, by mode, through the vector cache. */
class DescribeStepTest {
    private final ComponentRegistry registry = TestComponents.registry(TestComponents.Letters.class,
            TestComponents.ByFeature.class, TestComponents.Caption.class);
    private Path dir;
    private GenerationBuilder builder;
    private PipelineData data;

    @BeforeEach
    void setUp(@TempDir Path tmp) {
        dir = tmp;
        builder = TestComponents.builder(dir);
        Catalog catalog = new Catalog(List.of(item("p", "banana", "nana"), item("q", "", "kiwi"),
                item("r", "kiwi", null), item("s", "ab", "boom"), item("t", null, "melon")));
        data = new PipelineData("t", catalog, InteractionMatrix.of(catalog, List.of(Interaction.implicit("u", "r"))),
                "fp", 1);
    }

    private static Item item(String id, String text, String image) {
        return new Item(id, id, Map.of(), new ItemContent(text, image == null ? null
                : Media.ofBytes(id + ".jpg", image.getBytes(StandardCharsets.UTF_8)), null));
    }

    private BraidConfig config(String describe) throws Exception {
        return BraidConfig.parse(ParamBinder.mapper().readTree("""
                dataset: {type: demo}
                encoders: {text: {name: letters, letter: a}}
                generators: [{name: by-feature, column: 0}]
                """ + describe), null, dir);
    }

    private Generation build(int number, String describe) throws Exception {
        return builder.build(number, new PipelineResolver(registry).resolve(config(describe).variants().get(0),
                "test"), data, ProgressListener.NONE);
    }

    /** Item id to its text vector [length, count of 'a'], or null when it has none. */
    private static Map<String, List<Float>> vectors(Generation g) {
        Map<String, List<Float>> out = new java.util.TreeMap<>();
        for (int i = 0; i < g.data().catalog().size(); i++) {
            float[] row = g.features().modalities().get(Modality.TEXT).row(i);
            out.put(g.data().catalog().item(i).id(), row == null ? null : List.of(row[0], row[1]));
        }
        return out;
    }

    @Test
    void eachModeJoinsDescriptionsToTheTextTheEncoderReadsAndAFailureKeepsTheText() throws Exception {
        Map<String, List<Float>> plain = vectors(build(1, ""));
        // missing: only the items whose text is absent or empty ("q", "t") are described
        Generation missing = build(2, "describe: {name: caption}\n");
        assertThat(vectors(missing)).containsEntry("q", List.of(8f, 1f)) // "cap kiwi"
                .containsEntry("t", List.of(9f, 1f)) // "cap melon"
                .containsEntry("p", plain.get("p")).containsEntry("r", plain.get("r"))
                .containsEntry("s", plain.get("s"));
        assertThat(plain.get("q")).isNull(); // empty text had no vector before
        assertThat(missing.failures()).isEmpty();
        // append: every item with an image; "s" fails and keeps "ab"; "r" has no image and is skipped
        Generation append = build(3, "describe: {name: caption, mode: append}\n");
        assertThat(vectors(append)).containsEntry("p", List.of(16f, 6f)) // "banana\n\ncap nana"
                .containsEntry("q", List.of(8f, 1f)).containsEntry("r", plain.get("r"))
                .containsEntry("s", plain.get("s"));
        assertThat(append.failures()).filteredOn(f -> f.modality().equals("describe")).singleElement()
                .satisfies(f -> {
                    assertThat(f.itemId()).isEqualTo("s");
                    assertThat(f.kind()).isEqualTo("ERROR");
                    assertThat(f.message()).isEqualTo("the model is down");
                });
        // replace: the description is the whole text
        assertThat(vectors(build(4, "describe: {name: caption, mode: replace, word: x}\n")))
                .containsEntry("p", List.of(6f, 2f)).containsEntry("s", plain.get("s"));
        // missing with a threshold: "ab" (2 chars) counts as too little text
        assertThat(vectors(build(5, "describe: {name: caption, minTextChars: 3}\n")))
                .containsEntry("p", plain.get("p")).containsEntry("s", plain.get("s"));
    }

    @Test
    void anUnchangedStepIsReusedAndOnlyDescribedItemsAreEncodedAgain() throws Exception {
        build(1, "");
        int encoded = TestComponents.ITEMS_ENCODED.get();
        int described = TestComponents.ITEMS_DESCRIBED.get();
        Generation g = build(2, "describe: {name: caption, mode: append}\n");
        assertThat(TestComponents.ITEMS_DESCRIBED.get() - described).isEqualTo(4);
        // "r" (no image) and "s" (failed) keep their text: their vectors come from the cache
        assertThat(TestComponents.ITEMS_ENCODED.get() - encoded).isEqualTo(3);
        assertThat(g.reused()).containsEntry("describe", false);
        Generation again = build(3, "describe: {name: caption, mode: append}\n");
        assertThat(again.reused()).containsEntry("describe", true).containsEntry("encoders.text", true);
        assertThat(TestComponents.ITEMS_DESCRIBED.get() - described).isEqualTo(4);
        Generation other = build(4, "describe: {name: caption, mode: append, word: other}\n");
        assertThat(other.reused()).containsEntry("describe", false).containsEntry("encoders.text", false);
    }

    @Test
    void aBadDescribeStepIsReportedWithItsPath() {
        assertThatThrownBy(() -> config("describe: {name: caption, mode: merge}\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("describe.mode", "replace, append or missing");
        assertThatThrownBy(() -> config("describe: {name: caption, mode: append, minTextChars: 20}\n"))
                .hasMessageContaining("describe.minTextChars", "only to mode missing");
        assertThatThrownBy(() -> config("describe: {name: caption, minTextChars: 0}\n"))
                .hasMessageContaining("describe.minTextChars", "at least 1");
        assertThatThrownBy(() -> new PipelineResolver(registry).resolve(config(
                "describe: {name: caption, colour: red}\n").variants().get(0), "test"))
                .hasMessageContaining("describe.colour");
        assertThatThrownBy(() -> new PipelineResolver(registry).resolve(config(
                "describe: {name: letters}\n").variants().get(0), "test"))
                .hasMessageContaining("describe.name", "unknown describer 'letters'", "available: caption");
    }

    @Test
    void aVariantMayOverrideOrDropTheStep() throws Exception {
        BraidConfig c = BraidConfig.parse(ParamBinder.mapper().readTree("""
                dataset: {type: demo}
                encoders: {text: letters}
                generators: [by-feature]
                describe: {name: caption, mode: append}
                variants:
                  - {name: plain, describe: none}
                  - {name: replaced, describe: {name: caption, mode: replace}}
                  - {name: inherited}
                """), null, dir);
        assertThat(c.variants().get(0).describe()).isNull();
        assertThat(c.variants().get(1).describe().mode().key()).isEqualTo("replace");
        assertThat(c.variants().get(1).describe().component().path()).isEqualTo("variants[1].describe");
        assertThat(c.variants().get(2).describe().mode().key()).isEqualTo("append");
    }
}
