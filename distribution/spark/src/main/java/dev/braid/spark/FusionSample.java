package dev.braid.spark;

import dev.braid.api.data.Interaction;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The items a fusion strategy fits on, broadcast to every executor: their ids, their per-modality vectors (null
 * rows where an item lacks a modality) and, for strategies trained on the recommendation objective, the
 * interactions on them. Every executor fits the same strategy on the same sample, deterministically.
 *
 * @param key          identifies the sample (the fitted strategy is cached per JVM by it)
 * @param ids          item ids, in row order
 * @param vectors      modality name ({@code TEXT}, ...) to rows
 * @param dimensions   modality name to dimension
 * @param users        interaction users
 * @param items        interaction items (parallel to {@code users})
 * @param values       interaction values (parallel to {@code users}); NaN for implicit feedback
 */
record FusionSample(String key, List<String> ids, Map<String, float[][]> vectors, Map<String, Integer> dimensions,
                    String[] users, String[] items, double[] values) implements Serializable {

    List<Interaction> interactions() {
        List<Interaction> out = new ArrayList<>(users.length);
        for (int i = 0; i < users.length; i++) {
            out.add(new Interaction(users[i], items[i], values[i], Interaction.NO_TIMESTAMP));
        }
        return out;
    }
}
