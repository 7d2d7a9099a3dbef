package dev.braid.plugin.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
    private static final ObjectMapper JSON = new ObjectMapper();

    private ItemTexts() {
    }

    /**
     * A prompt in two messages: the fixed {@code instructions} as the system message, and everything taken from the
     * catalog as JSON string values in the user message ({@code "history"}, then {@code listName} with each item's
     * {@code id}), so an item's text cannot close a quote or pose as an instruction.
     */
    static List<ChatMessage> messages(String instructions, List<Item> history, String listName, List<Item> items,
                                      int textChars) {
        ObjectNode data = JSON.createObjectNode();
        ArrayNode h = data.putArray("history");
        for (Item it : history) {
            describe(h.addObject(), it, textChars);
        }
        ArrayNode list = data.putArray(listName);
        for (Item it : items) {
            ObjectNode n = list.addObject();
            n.put("id", it.id());
            describe(n, it, textChars);
        }
        try {
            return List.of(ChatMessage.system(instructions), ChatMessage.user(JSON.writeValueAsString(data)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the prompt data", e);
        }
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
