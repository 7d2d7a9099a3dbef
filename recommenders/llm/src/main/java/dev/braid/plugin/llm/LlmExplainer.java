package dev.braid.plugin.llm;

import dev.braid.api.component.BraidComponent;
import dev.braid.api.component.Environment;
import dev.braid.api.data.Item;
import dev.braid.api.generator.Query;
import dev.braid.api.generator.ScoredItem;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds a one-sentence, personalised explanation to each recommended item, for requests with {@code explain=llm}
 * (one chat call per list, cached on disk). The sentence is appended to the item's reasons as
 * {@code explain:<sentence>}, which {@code braid serve} shows as the item's {@code explanation}. The order and the
 * scores are left alone; when the endpoint fails, the list keeps the rule and neighbour reasons it had.
 */
@BraidComponent(name = "llm-explain", config = LlmExplainConfig.class,
        description = "one-sentence explanations per recommended item (explain=llm) from an OpenAI-compatible chat model")
public final class LlmExplainer extends ChatStage<LlmExplainConfig> {
    private static final Logger log = LoggerFactory.getLogger(LlmExplainer.class);
    /** The reason prefix that marks an explanation. */
    public static final String PREFIX = "explain:";

    public LlmExplainer(LlmExplainConfig config, Environment environment) {
        this(config, environment, System::getenv);
    }

    LlmExplainer(LlmExplainConfig config, Environment environment, Function<String, String> variables) {
        super(config, environment, variables);
    }

    @Override
    public List<ScoredItem> rerank(Query query, List<ScoredItem> candidates, float[] scores, int k) {
        List<ScoredItem> shown = candidates.size() > k ? candidates.subList(0, k) : candidates;
        if (!"llm".equalsIgnoreCase(query.params().get("explain")) || shown.isEmpty() || catalog == null) {
            return List.copyOf(shown);
        }
        long deadline = deadline(query);
        try {
            List<Item> items = new ArrayList<>(shown.size());
            Set<String> ids = new LinkedHashSet<>();
            for (ScoredItem s : shown) {
                items.add(catalog.item(catalog.indexOf(s.itemId())));
                ids.add(s.itemId());
            }
            List<ChatMessage> prompt = ExplanationPrompt.messages(history(query), items,
                    config.textChars());
            Map<String, String> why = client.complete(prompt, deadline, stats,
                    content -> ExplanationPrompt.read(content, ids, config.maxChars()));
            List<ScoredItem> out = new ArrayList<>(shown.size());
            for (ScoredItem s : shown) {
                String sentence = why.get(s.itemId());
                if (sentence == null) {
                    out.add(s);
                } else {
                    List<String> reasons = new ArrayList<>(s.reasons());
                    reasons.add(PREFIX + sentence);
                    out.add(new ScoredItem(s.itemId(), s.score(), reasons));
                }
            }
            returning(deadline);
            return out;
        } catch (LlmException e) {
            stats.fallback();
            log.debug("llm-explain falls back for user {}: {}", query.user(), e.getMessage());
        } catch (RuntimeException e) {
            stats.fallback();
            log.warn("llm-explain falls back after an unexpected error", e);
        }
        returning(deadline);
        return List.copyOf(shown);
    }
}
