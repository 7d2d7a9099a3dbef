package dev.braid.api.data;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ordered, immutable set of items a pipeline works on. Every vector, score array and matrix in Braid is
 * indexed by the position of an item in its catalog ({@code 0 .. size()-1}).
 */
public final class Catalog {
    private final List<Item> items;
    private final Map<String, Integer> index;

    public Catalog(List<Item> items) {
        this.items = List.copyOf(items);
        this.index = new HashMap<>(this.items.size() * 2);
        for (int i = 0; i < this.items.size(); i++) {
            Integer previous = index.put(this.items.get(i).id(), i);
            if (previous != null) {
                throw new IllegalArgumentException("duplicate item id '" + this.items.get(i).id()
                        + "' at positions " + previous + " and " + i);
            }
        }
    }

    public int size() {
        return items.size();
    }

    public Item item(int index) {
        return items.get(index);
    }

    public List<Item> items() {
        return items;
    }

    /** The position of an item, or -1 when the catalog does not hold it. */
    public int indexOf(String itemId) {
        Integer i = index.get(itemId);
        return i == null ? -1 : i;
    }

    public boolean contains(String itemId) {
        return index.containsKey(itemId);
    }
}
