package dev.braid.datasets;

import java.util.Map;

/**
 * The ground truth of a generated demo catalog: the hidden attributes of every item and the preferences of every
 * user. For tests and reports that check whether a pipeline recovers the planted signal; never an input of a
 * recommender.
 *
 * @param items by item id
 * @param users by user id
 */
public record DemoTruth(Map<String, DemoLatent> items, Map<String, DemoLatent> users) {

    public DemoTruth {
        items = Map.copyOf(items);
        users = Map.copyOf(users);
    }
}
