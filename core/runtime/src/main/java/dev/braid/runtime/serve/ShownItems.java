package dev.braid.runtime.serve;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What each user was last shown, and by which variant: a posted interaction on one of those items is a click for
 * that variant. Bounded (least recently served users are forgotten first).
 */
final class ShownItems {
    private record Shown(String variant, Set<String> items) {
    }

    private final Map<String, Shown> byUser;

    ShownItems(int capacity) {
        this.byUser = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Shown> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized void shown(String user, String variant, List<String> items) {
        byUser.put(user, new Shown(variant, new HashSet<>(items)));
    }

    /** The variant credited with a click on this item by this user (at most once per item shown), or null. */
    synchronized String click(String user, String item) {
        Shown s = byUser.get(user);
        if (s == null || !s.items().remove(item)) {
            return null;
        }
        return s.variant();
    }
}
