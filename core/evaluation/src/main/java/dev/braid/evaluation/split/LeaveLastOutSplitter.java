package dev.braid.evaluation.split;

import dev.braid.api.data.Interaction;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Holds out each user's latest interaction (largest timestamp; among equal timestamps, or without timestamps, the
 * one that comes last in the input). Users with a single interaction keep it in train, so every test user has a
 * history.
 */
public record LeaveLastOutSplitter() implements Splitter {

    @Override
    public Split split(List<Interaction> interactions) {
        Map<String, Integer> latest = new HashMap<>();
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < interactions.size(); i++) {
            Interaction x = interactions.get(i);
            counts.merge(x.user(), 1, Integer::sum);
            // ">=" lets a later row win a tie, which also covers rows without timestamps.
            latest.merge(x.user(), i, (a, b) ->
                    interactions.get(b).timestamp() >= interactions.get(a).timestamp() ? b : a);
        }
        boolean[] inTest = new boolean[interactions.size()];
        latest.forEach((user, row) -> inTest[row] = counts.get(user) > 1);
        List<Interaction> train = new ArrayList<>();
        List<Interaction> test = new ArrayList<>();
        for (int i = 0; i < interactions.size(); i++) {
            (inTest[i] ? test : train).add(interactions.get(i));
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("method", "leave-last-out");
        d.put("users", counts.size());
        return Split.of(train, test, d);
    }
}
