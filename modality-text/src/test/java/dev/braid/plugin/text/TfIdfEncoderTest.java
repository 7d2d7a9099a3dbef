package dev.braid.plugin.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.braid.api.component.ProgressListener;
import dev.braid.api.data.Item;
import dev.braid.api.encoder.EncodingResult;
import dev.braid.api.encoder.EncodingResult.Failure;
import dev.braid.api.encoder.EncodingResult.FailureKind;
import dev.braid.api.encoder.EncodingResult.Success;
import java.util.List;
import java.util.stream.IntStream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class TfIdfEncoderTest {

    private static TfIdfEncoder fitted(TfIdfConfig config, String... texts) {
        TfIdfEncoder e = new TfIdfEncoder(config);
        e.fit(IntStream.range(0, texts.length).mapToObj(i -> Item.ofText("d" + i, texts[i])).toList(),
                ProgressListener.NONE);
        return e;
    }

    private static float[] vector(TfIdfEncoder e, String text) {
        EncodingResult r = e.encode(List.of(Item.ofText("q", text))).get(0);
        assertThat(r).isInstanceOf(Success.class);
        return ((Success) r).vector();
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }

    private static int bucket(String term, int dim) {
        return (Murmur3.hash32(term, 0) & 0x7fffffff) % dim;
    }

    private static float sign(String term) {
        return Murmur3.hash32(term, 0) < 0 ? -1f : 1f;
    }

    @Test
    void weightsTermsBySmoothedIdfAndNormalises() {
        // "common" is in all 3 documents: idf = ln(4/4) + 1 = 1; "zebra" in one: idf = ln(4/2) + 1.
        TfIdfEncoder e = fitted(TfIdfConfig.defaults(), "common zebra", "common apple", "common pear");
        float[] v = vector(e, "common zebra");
        assertThat(v).hasSize(4096);
        assertThat(bucket("common", 4096)).isNotEqualTo(bucket("zebra", 4096));
        double idfRare = Math.log(2) + 1;
        double norm = Math.sqrt(1 + idfRare * idfRare);
        assertThat(v[bucket("common", 4096)]).isCloseTo((float) (sign("common") / norm), Offset.offset(1e-6f));
        assertThat(v[bucket("zebra", 4096)]).isCloseTo((float) (sign("zebra") * idfRare / norm), Offset.offset(1e-6f));
        assertThat(dot(v, v)).isCloseTo(1.0, Offset.offset(1e-6));
    }

    @Test
    void sublinearTfDampensRepeatedWords() {
        String[] catalog = {"cat dog", "cat", "dog"};
        TfIdfConfig raw = new TfIdfConfig(4096, true, true, false, false);
        float[] linear = vector(fitted(raw, catalog), "cat cat cat dog");
        float[] sub = vector(fitted(TfIdfConfig.defaults(), catalog), "cat cat cat dog");
        // cat and dog have the same idf, so the ratio of their weights is the tf ratio.
        assertThat(Math.abs(linear[bucket("cat", 4096)] / linear[bucket("dog", 4096)])).isCloseTo(3f, Offset.offset(1e-5f));
        assertThat(Math.abs(sub[bucket("cat", 4096)] / sub[bucket("dog", 4096)]))
                .isCloseTo((float) (1 + Math.log(3)), Offset.offset(1e-5f));
    }

    @Test
    void sharedRareWordsScoreHigherThanSharedCommonWords() {
        String[] catalog = {
            "space station orbit rocket film", "space opera film", "romantic comedy film", "drama film story",
            "film story love", "film story war", "comedy film story", "film about a story"};
        TfIdfEncoder e = fitted(TfIdfConfig.defaults(), catalog);
        float[] a = vector(e, "rocket orbit film story");
        float[] rare = vector(e, "rocket orbit romance");
        float[] common = vector(e, "film story romance");
        assertThat(dot(a, rare)).isGreaterThan(dot(a, common) + 0.2);
    }

    @Test
    void identicalTextGivesIdenticalVectorsAndOrderIsKept() {
        TfIdfEncoder e = fitted(TfIdfConfig.defaults(), "alpha beta", "gamma delta");
        List<EncodingResult> r = e.encode(List.of(Item.ofText("x", "alpha beta"), Item.ofText("y", "gamma"),
                Item.ofText("z", "ALPHA, beta!")));
        assertThat(r).extracting(EncodingResult::itemId).containsExactly("x", "y", "z");
        assertThat(((Success) r.get(0)).vector()).containsExactly(((Success) r.get(2)).vector());
        assertThat(dot(((Success) r.get(0)).vector(), ((Success) r.get(1)).vector())).isZero();
    }

    @Test
    void bigramsDistinguishWordOrder() {
        String[] catalog = {"new york city", "york new city"};
        TfIdfEncoder plain = fitted(TfIdfConfig.defaults(), catalog);
        assertThat(dot(vector(plain, "new york"), vector(plain, "york new"))).isCloseTo(1.0, Offset.offset(1e-6));
        TfIdfEncoder bi = fitted(new TfIdfConfig(4096, true, true, true, true), catalog);
        assertThat(dot(vector(bi, "new york"), vector(bi, "york new"))).isLessThan(0.9);
    }

    @Test
    void missingEmptyAndStopWordOnlyTextFailWithReasons() {
        TfIdfEncoder e = fitted(TfIdfConfig.defaults(), "some words here");
        Item noText = new Item("n", "t", null, null);
        List<EncodingResult> r = e.encode(List.of(noText, Item.ofText("b", "   "), Item.ofText("s", "the of and"),
                Item.ofText("ok", "words")));
        assertThat(r.get(0)).isInstanceOfSatisfying(Failure.class, f -> {
            assertThat(f.kind()).isEqualTo(FailureKind.MISSING);
            assertThat(f.message()).contains("'n'");
        });
        assertThat(r.get(1)).isInstanceOfSatisfying(Failure.class, f -> {
            assertThat(f.kind()).isEqualTo(FailureKind.INVALID);
            assertThat(f.message()).contains("'b'", "empty text");
        });
        assertThat(r.get(2)).isInstanceOfSatisfying(Failure.class, f -> {
            assertThat(f.kind()).isEqualTo(FailureKind.INVALID);
            assertThat(f.message()).contains("no words");
        });
        assertThat(r.get(3)).isInstanceOf(Success.class);
    }

    @Test
    void unseenWordsGetTheLargestIdf() {
        TfIdfEncoder e = fitted(TfIdfConfig.defaults(), "known", "known other");
        float[] v = vector(e, "known unseenword");
        // idf(known) = ln(3/3) + 1 = 1, idf(unseen) = ln(3) + 1.
        assertThat(Math.abs(v[bucket("unseenword", 4096)] / v[bucket("known", 4096)]))
                .isCloseTo((float) (Math.log(3) + 1), Offset.offset(1e-5f));
    }

    @Test
    void rejectsBadUse() {
        assertThatThrownBy(() -> new TfIdfEncoder(new TfIdfConfig(8, true, true, false, true)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dimension");
        TfIdfEncoder unfitted = new TfIdfEncoder(TfIdfConfig.defaults());
        assertThatThrownBy(() -> unfitted.encode(List.of(Item.ofText("a", "x"))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("fit");
        assertThat(unfitted.fitsOnCatalog()).isTrue();
        assertThat(unfitted.dimension()).isEqualTo(4096);
    }
}
