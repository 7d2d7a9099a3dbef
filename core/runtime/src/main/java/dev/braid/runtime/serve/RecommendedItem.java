package dev.braid.runtime.serve;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.braid.api.generator.ScoredItem;
import dev.braid.runtime.generation.Generation;
import java.util.List;

/**
 * A recommended item: its summary, score and reasons ({@code generator:reason}).
 *
 * @param explanation the sentence a generator gave as {@code explain:<sentence>} (e.g. {@code llm-explain}),
 *                    absent when none did
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record RecommendedItem(@JsonUnwrapped ItemSummary item, double score, List<String> reasons, String explanation) {

    static RecommendedItem of(Generation g, ScoredItem s) {
        return new RecommendedItem(ItemSummary.of(g, g.catalog().indexOf(s.itemId())), s.score(), s.reasons(),
                explanation(s.reasons()));
    }

    /** Whether the chain gave this item a score it can be recommended with. */
    static boolean ranked(ScoredItem s) {
        return s.score() != Double.NEGATIVE_INFINITY && !Double.isNaN(s.score());
    }

    /**
     * The sentence a generator gave as {@code explain:<sentence>}: the runtime prefixes it with the generator's
     * name, so the reason reads {@code <generator>:explain:<sentence>}.
     */
    static String explanation(List<String> reasons) {
        for (String r : reasons) {
            int colon = r.indexOf(':');
            if (colon > 0 && r.startsWith("explain:", colon + 1)) {
                return r.substring(colon + 1 + "explain:".length());
            }
        }
        return null;
    }
}
