package dev.braid.runtime.query;

import dev.braid.api.data.Modality;
import dev.braid.api.generator.ScoredItem;
import java.util.List;

/**
 * The answer to a query, best first.
 *
 * @param items    the recommended items (never one the chain filtered out)
 * @param fallback why the unknown-user fallback answered ("popular: user unknown"), or {@code null}
 * @param encoded  the modalities of a query by example that were encoded (empty for a user query)
 * @param ignored  the modalities sent that the generation has no encoder for
 */
public record Recommendations(List<ScoredItem> items, String fallback, List<Modality> encoded,
                              List<Modality> ignored) {
    public Recommendations {
        items = List.copyOf(items);
        encoded = List.copyOf(encoded);
        ignored = List.copyOf(ignored);
    }

    static Recommendations of(List<ScoredItem> items) {
        return new Recommendations(items, null, List.of(), List.of());
    }
}
