package dev.braid.runtime.serve;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.braid.api.data.Modality;
import dev.braid.runtime.generation.Generation;
import dev.braid.runtime.query.Recommendations;
import java.util.List;

/**
 * The answer of {@code GET} and {@code POST /recommendations}.
 *
 * @param user     the user asked for, absent when none was
 * @param encoded  for a query by example: the modalities encoded
 * @param ignored  for a query by example: the modalities sent that the variant does not read
 * @param fallback why the unknown-user policy answered ({@code popular: user unknown}), absent otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Listing(String variant, int generation, String user, List<RecommendedItem> items, List<String> encoded,
               List<String> ignored, String fallback) {

    static Listing of(Generation g, String variant, String user, Recommendations r, boolean byExample) {
        List<RecommendedItem> items = r.items().stream().filter(RecommendedItem::ranked)
                .map(s -> RecommendedItem.of(g, s)).toList();
        return new Listing(variant, g.number(), user, items, byExample ? keys(r.encoded()) : null,
                byExample ? keys(r.ignored()) : null, r.fallback());
    }

    List<String> ids() {
        return items.stream().map(i -> i.item().id()).toList();
    }

    private static List<String> keys(List<Modality> modalities) {
        return modalities.stream().map(Modality::key).toList();
    }
}
