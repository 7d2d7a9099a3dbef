package com.example.braid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.api.data.Item;
import dev.braid.api.encoder.EncodingResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Components are plain Java: test them by calling the constructor, no runtime needed. */
class WordShapeEncoderTest {
    @Test
    void similarSpellingsAreCloserThanDifferentOnes() {
        WordShapeEncoder encoder = new WordShapeEncoder(new WordShapeConfig(64, true));
        List<EncodingResult> r = encoder.encode(List.of(Item.ofText("a", "Recommendation"),
                Item.ofText("b", "recommendations"), Item.ofText("c", "zebra crossing"), Item.ofText("d", " ")));
        float[] a = ((EncodingResult.Success) r.get(0)).vector();
        float[] b = ((EncodingResult.Success) r.get(1)).vector();
        float[] c = ((EncodingResult.Success) r.get(2)).vector();
        assertEquals(64, a.length);
        assertTrue(dot(a, b) > dot(a, c) + 0.3, "similar words score higher");
        assertTrue(r.get(3) instanceof EncodingResult.Failure, "blank text is a per-item failure");
    }

    private static double dot(float[] x, float[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * y[i];
        }
        return s;
    }
}
