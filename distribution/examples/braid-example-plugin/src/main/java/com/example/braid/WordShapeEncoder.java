package com.example.braid;

import dev.braid.api.component.BraidComponent;
import dev.braid.api.data.Item;
import dev.braid.api.data.Modality;
import dev.braid.api.encoder.EncodingResult;
import dev.braid.api.encoder.ModalityEncoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Encodes text as hashed character trigrams, L2-normalised: similar spellings give similar vectors. */
@BraidComponent(name = "word-shape", config = WordShapeConfig.class, modality = Modality.TEXT,
        description = "hashed character trigrams of the text")
public final class WordShapeEncoder implements ModalityEncoder {
    private final WordShapeConfig config;

    public WordShapeEncoder(WordShapeConfig config) {
        this.config = config;
    }

    @Override
    public Modality modality() {
        return Modality.TEXT;
    }

    @Override
    public int dimension() {
        return config.dimension();
    }

    @Override
    public List<EncodingResult> encode(List<Item> items) {
        List<EncodingResult> out = new ArrayList<>(items.size());
        for (Item item : items) {
            String text = item.content().textValue().orElse(null);
            if (text == null) {
                out.add(EncodingResult.failure(item.id(), EncodingResult.FailureKind.MISSING, "no text"));
                continue;
            }
            if (text.isBlank()) {
                out.add(EncodingResult.failure(item.id(), EncodingResult.FailureKind.INVALID, "blank text"));
                continue;
            }
            out.add(EncodingResult.success(item.id(), trigrams(text)));
        }
        return out;
    }

    private float[] trigrams(String text) {
        String t = " " + (config.lowercase() ? text.toLowerCase(Locale.ROOT) : text) + " ";
        float[] v = new float[config.dimension()];
        for (int i = 0; i + 3 <= t.length(); i++) {
            v[Math.floorMod(t.substring(i, i + 3).hashCode(), v.length)] += 1f;
        }
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        float scale = norm == 0 ? 0f : (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < v.length; i++) {
            v[i] *= scale;
        }
        return v;
    }
}
