package dev.braid.evaluation.split;

import dev.braid.api.data.Interaction;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Splits each user's interactions by the ratio: {@code round(trainRatio * n_u)} of them, drawn at random, go to
 * train (the Microsoft Recommenders {@code python_stratified_split} protocol). The shuffle of a user depends only
 * on the seed and the user id, so adding or reordering other users does not change it.
 *
 * @param trainRatio share of each user's interactions in train, in (0, 1)
 * @param seed       seed of the per-user shuffles
 */
public record StratifiedSplitter(double trainRatio, long seed) implements Splitter {

    public StratifiedSplitter {
        Ratios.requireOpenUnit("trainRatio", trainRatio);
    }

    @Override
    public Split split(List<Interaction> interactions) {
        Map<String, List<Integer>> byUser = new LinkedHashMap<>();
        for (int i = 0; i < interactions.size(); i++) {
            byUser.computeIfAbsent(interactions.get(i).user(), u -> new ArrayList<>()).add(i);
        }
        boolean[] inTrain = new boolean[interactions.size()];
        byUser.forEach((user, rows) -> {
            Collections.shuffle(rows, new Random(Ratios.mix(seed, user)));
            int trainSize = (int) Math.round(trainRatio * rows.size());
            for (int j = 0; j < trainSize; j++) {
                inTrain[rows.get(j)] = true;
            }
        });
        List<Interaction> train = new ArrayList<>();
        List<Interaction> test = new ArrayList<>();
        for (int i = 0; i < interactions.size(); i++) {
            (inTrain[i] ? train : test).add(interactions.get(i));
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("method", "stratified");
        d.put("trainRatio", trainRatio);
        d.put("seed", seed);
        d.put("users", byUser.size());
        return Split.of(train, test, d);
    }
}
