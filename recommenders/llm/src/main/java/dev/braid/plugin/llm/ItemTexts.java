package dev.braid.plugin.llm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braid.api.data.Catalog;
import dev.braid.api.data.InteractionMatrix;
import dev.braid.api.data.Item;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** What prompts say about items and users: titles, shortened texts, a user's most recent history. */
final class ItemTexts {

    private ItemTexts() {
    }

    /** Adds {@code title} and (when present) {@code text}, cut to {@code maxChars}, to a prompt's data object. */
    static ObjectNode describe(ObjectNode target, Item item, int maxChars) {
        target.put("title", item.title());
        String text = item.content().text();
        if (text != null && !text.isBlank()) {
            String t = text.strip().replaceAll("\\s+", " ");
            target.put("text", t.length() <= maxChars ? t : t.substring(0, maxChars) + "...");
        }
        return target;
    }

    /** The user's training items, most recent first (ties: later in the training data first), at most {@code n}. */
    static List<Item> recentHistory(Catalog catalog, InteractionMatrix train, String user, int n) {
        if (user == null || train == null || n <= 0) {
            return List.of();
        }
        int u = train.userIndex(user);
        if (u < 0) {
            return List.of();
        }
        Integer[] order = new Integer[train.degree(u)];
        Arrays.setAll(order, j -> j);
        Arrays.sort(order, Comparator.<Integer>comparingLong(j -> train.timestamp(u, j)).thenComparingInt(j -> j)
                .reversed());
        List<Item> out = new ArrayList<>();
        for (int j = 0; j < Math.min(n, order.length); j++) {
            out.add(catalog.item(train.item(u, order[j])));
        }
        return out;
    }
}
