package dev.braid.plugin.llm;

import dev.braid.api.component.BraidComponent;
import dev.braid.api.component.Environment;
import dev.braid.api.data.Item;
import dev.braid.api.generator.Query;
import dev.braid.api.generator.ScoredItem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reorders the chain's best candidates with a language model (listwise: one prompt with the user's recent history
 * and the candidates, answered with an ordering of their ids). Scores are left alone; the model only reorders the
 * top {@code candidates} items, which keep their chain scores. Any failure (no answer in time, an unusable answer,
 * open breaker, spent budget) keeps the incoming order, and each item's reasons say why ({@code fallback:timeout}).
 */
@BraidComponent(name = "llm-rerank", config = LlmRerankConfig.class,
        description = "reorders the top candidates with an OpenAI-compatible chat model; falls back to the incoming order")
public final class LlmReranker extends ChatStage<LlmRerankConfig> {
    private static final Logger log = LoggerFactory.getLogger(LlmReranker.class);

    public LlmReranker(LlmRerankConfig config, Environment environment) {
        this(config, environment, System::getenv);
    }

    LlmReranker(LlmRerankConfig config, Environment environment, Function<String, String> variables) {
        super(config, environment, variables);
    }

    @Override
    public int candidates(int k) {
        return Math.max(k, config.candidates());
    }

    /** Whether this request is reranked. */
    private boolean wanted(Query query) {
        String asked = query.params().get("rerank");
        if ("off".equalsIgnoreCase(asked)) {
            return false;
        }
        return !config.optIn() || "llm".equalsIgnoreCase(asked);
    }

    @Override
    public List<ScoredItem> rerank(Query query, List<ScoredItem> candidates, float[] scores, int k) {
        int n = Math.min(config.candidates(), candidates.size());
        if (!wanted(query) || n < 2 || catalog == null) {
            return head(candidates, k);
        }
        List<ScoredItem> top = candidates.subList(0, n);
        List<String> ids = top.stream().map(ScoredItem::itemId).toList();
        List<ScoredItem> out = new ArrayList<>(candidates.size());
        long deadline = deadline(query);
        try {
            List<Item> items = new ArrayList<>(n);
            for (String id : ids) {
                items.add(catalog.item(catalog.indexOf(id)));
            }
            List<ChatMessage> prompt = ListwisePrompt.messages(history(query), items,
                    config.textChars());
            Ranking ranking = client.complete(prompt, deadline, stats, content -> RankingParser.parse(content, ids));
            Map<String, ScoredItem> byId = new HashMap<>();
            top.forEach(s -> byId.put(s.itemId(), s));
            for (int i = 0; i < ranking.order().size(); i++) {
                ScoredItem s = byId.get(ranking.order().get(i));
                out.add(withReason(s, i < ranking.named() ? "llm" : "llm-unranked"));
            }
        } catch (LlmException e) {
            stats.fallback();
            log.debug("llm-rerank falls back for user {}: {}", query.user(), e.getMessage());
            top.forEach(s -> out.add(withReason(s, "fallback:" + e.kind().label())));
        } catch (RuntimeException e) {
            stats.fallback();
            log.warn("llm-rerank falls back after an unexpected error", e);
            top.forEach(s -> out.add(withReason(s, "fallback:error")));
        }
        out.addAll(candidates.subList(n, candidates.size()));
        returning(deadline);
        return head(out, k);
    }

    private static ScoredItem withReason(ScoredItem s, String reason) {
        List<String> r = new ArrayList<>(s.reasons());
        r.add(reason);
        return new ScoredItem(s.itemId(), s.score(), r);
    }

    private static List<ScoredItem> head(List<ScoredItem> list, int k) {
        return list.size() > k ? List.copyOf(list.subList(0, k)) : list;
    }
}
