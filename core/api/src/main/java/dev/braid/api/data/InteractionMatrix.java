package dev.braid.api.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Interactions grouped by user, in compressed sparse rows: for each user the catalog indices of the items they
 * interacted with (ascending, unique), with a value (rating, or 1 for implicit feedback) and a timestamp.
 * Immutable; generators read it when they fit.
 */
public final class InteractionMatrix {
    private final int numItems;
    private final String[] userIds;
    private final Map<String, Integer> userIndex;
    private final int[] rowStart;
    private final int[] itemIndices;
    private final float[] values;
    private final long[] timestamps;

    private InteractionMatrix(int numItems, String[] userIds, int[] rowStart, int[] itemIndices, float[] values,
                              long[] timestamps) {
        this.numItems = numItems;
        this.userIds = userIds;
        this.rowStart = rowStart;
        this.itemIndices = itemIndices;
        this.values = values;
        this.timestamps = timestamps;
        this.userIndex = new HashMap<>(userIds.length * 2);
        for (int u = 0; u < userIds.length; u++) {
            userIndex.put(userIds[u], u);
        }
    }

    /**
     * Builds the matrix of these interactions over a catalog. Interactions whose item is not in the catalog are
     * skipped; a repeated (user, item) pair keeps its latest value. Users appear in order of first appearance.
     */
    public static InteractionMatrix of(Catalog catalog, List<Interaction> interactions) {
        Map<String, Integer> users = new HashMap<>();
        List<String> ids = new ArrayList<>();
        List<Map<Integer, Interaction>> rows = new ArrayList<>();
        for (Interaction x : interactions) {
            int item = catalog.indexOf(x.item());
            if (item < 0) {
                continue;
            }
            Integer u = users.get(x.user());
            if (u == null) {
                u = ids.size();
                users.put(x.user(), u);
                ids.add(x.user());
                rows.add(new HashMap<>());
            }
            rows.get(u).merge(item, x, (a, b) -> b.timestamp() >= a.timestamp() ? b : a);
        }
        return fromRows(catalog.size(), ids, rows);
    }

    /** Like {@link #of} but keeps a row, possibly empty, for each of these users in this order. */
    public static InteractionMatrix of(Catalog catalog, List<String> userOrder, List<Interaction> interactions) {
        Map<String, Integer> users = new HashMap<>();
        List<Map<Integer, Interaction>> rows = new ArrayList<>();
        for (String id : userOrder) {
            if (users.putIfAbsent(id, rows.size()) == null) {
                rows.add(new HashMap<>());
            }
        }
        List<String> ids = new ArrayList<>(users.size());
        ids.addAll(userOrder.stream().distinct().toList());
        for (Interaction x : interactions) {
            int item = catalog.indexOf(x.item());
            Integer u = users.get(x.user());
            if (item < 0 || u == null) {
                continue;
            }
            rows.get(u).merge(item, x, (a, b) -> b.timestamp() >= a.timestamp() ? b : a);
        }
        return fromRows(catalog.size(), ids, rows);
    }

    private static InteractionMatrix fromRows(int numItems, List<String> ids, List<Map<Integer, Interaction>> rows) {
        int nnz = rows.stream().mapToInt(Map::size).sum();
        int[] start = new int[ids.size() + 1];
        int[] items = new int[nnz];
        float[] vals = new float[nnz];
        long[] times = new long[nnz];
        int p = 0;
        for (int u = 0; u < rows.size(); u++) {
            start[u] = p;
            int[] sorted = rows.get(u).keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
            for (int item : sorted) {
                Interaction x = rows.get(u).get(item);
                items[p] = item;
                vals[p] = x.hasRating() ? (float) x.rating() : 1f;
                times[p] = x.timestamp();
                p++;
            }
        }
        start[ids.size()] = p;
        return new InteractionMatrix(numItems, ids.toArray(String[]::new), start, items, vals, times);
    }

    public int numUsers() {
        return userIds.length;
    }

    public int numItems() {
        return numItems;
    }

    public int numInteractions() {
        return itemIndices.length;
    }

    public String userId(int user) {
        return userIds[user];
    }

    /** The row of a user, or -1 when the matrix has none. */
    public int userIndex(String userId) {
        Integer u = userIndex.get(userId);
        return u == null ? -1 : u;
    }

    /** How many items this user interacted with. */
    public int degree(int user) {
        return rowStart[user + 1] - rowStart[user];
    }

    /** The catalog index of the j-th item of a user ({@code 0 <= j < degree(user)}). */
    public int item(int user, int j) {
        return itemIndices[rowStart[user] + j];
    }

    /** The value (rating, or 1) of the j-th interaction of a user. */
    public float value(int user, int j) {
        return values[rowStart[user] + j];
    }

    /** The timestamp of the j-th interaction of a user, or {@link Interaction#NO_TIMESTAMP}. */
    public long timestamp(int user, int j) {
        return timestamps[rowStart[user] + j];
    }

    /** A copy of the catalog indices of a user's items, ascending. */
    public int[] items(int user) {
        return Arrays.copyOfRange(itemIndices, rowStart[user], rowStart[user + 1]);
    }

    /** Whether the user interacted with the item (binary search in the user's row). */
    public boolean contains(int user, int item) {
        return Arrays.binarySearch(itemIndices, rowStart[user], rowStart[user + 1], item) >= 0;
    }

    /** For each catalog item, how many users interacted with it. */
    public int[] itemDegrees() {
        int[] counts = new int[numItems];
        for (int item : itemIndices) {
            counts[item]++;
        }
        return counts;
    }
}
