package dev.braid.plugin.llm;

import dev.braid.api.component.Environment;
import dev.braid.api.component.ProgressListener;
import dev.braid.api.data.Catalog;
import dev.braid.api.data.Interaction;
import dev.braid.api.data.InteractionMatrix;
import dev.braid.api.data.Item;
import dev.braid.api.data.ItemContent;
import dev.braid.api.data.ItemFeatures;
import dev.braid.api.generator.ScoredItem;
import dev.braid.api.generator.TrainingData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A small catalog (two history items, five candidates) and helpers for the LLM tests. */
final class Fixtures {
    static final String SECRET = "sk-test-5ecr3t-DO-NOT-LEAK-0123456789";
    static final List<String> CANDIDATES = List.of("c1", "c2", "c3", "c4", "c5");

    private Fixtures() {
    }

    static Catalog catalog(String c3Text) {
        List<Item> items = new ArrayList<>();
        items.add(item("h1", "Alien", "A crew meets a deadly creature in space."));
        items.add(item("h2", "Blade Runner", "A detective hunts replicants in a rainy city."));
        items.add(item("c1", "Toy Story", "Toys come to life when nobody is watching."));
        items.add(item("c2", "Aliens", "Ripley returns to the planet with marines."));
        items.add(item("c3", "Babe", c3Text));
        items.add(item("c4", "The Terminator", "A cyborg is sent back in time."));
        items.add(item("c5", "Sense and Sensibility", "Two sisters and their hopes of marriage."));
        return new Catalog(items);
    }

    static Item item(String id, String title, String text) {
        return new Item(id, title, Map.of(), new ItemContent(text, null, null));
    }

    static TrainingData training(Catalog catalog) {
        InteractionMatrix m = InteractionMatrix.of(catalog, List.of(new Interaction("u1", "h1", 5, 100),
                new Interaction("u1", "h2", 4, 200)));
        return new TrainingData(catalog, ItemFeatures.none(), m, 1);
    }

    /** The candidates in incoming order, with descending scores and one earlier reason each. */
    static List<ScoredItem> incoming() {
        List<ScoredItem> out = new ArrayList<>();
        for (int i = 0; i < CANDIDATES.size(); i++) {
            out.add(new ScoredItem(CANDIDATES.get(i), 10 - i, List.of("content-profile:similar")));
        }
        return out;
    }

    static Environment environment(Path dir) {
        return new Environment(dir.resolve("cache"), dir, 1);
    }

    static EndpointConfig endpoint(String baseUrl, int timeoutMs, int retries, int breakerFailures, boolean cache) {
        return new EndpointConfig(baseUrl, "stub-model", "BRAID_TEST_LLM_KEY", timeoutMs, 4, retries, 10, 0L, 0L,
                breakerFailures, 60_000, 64 * 1024, 256, 0.0, "", cache);
    }

    static LlmReranker reranker(EndpointConfig endpoint, int deadlineMs, Path dir, Catalog catalog) {
        LlmReranker r = new LlmReranker(new LlmRerankConfig(new ChatParams(endpoint, 10, deadlineMs), 20, 300, false),
                environment(dir), name -> name.equals("BRAID_TEST_LLM_KEY") ? SECRET : null);
        r.fit(training(catalog), ProgressListener.NONE);
        return r;
    }

    static List<String> ids(List<ScoredItem> list) {
        return list.stream().map(ScoredItem::itemId).toList();
    }

    static String ranking(String... ids) {
        StringBuilder sb = new StringBuilder("{\"ranking\": [");
        for (int i = 0; i < ids.length; i++) {
            sb.append(i == 0 ? "" : ", ").append('"').append(ids[i]).append('"');
        }
        return sb.append("]}").toString();
    }
}
