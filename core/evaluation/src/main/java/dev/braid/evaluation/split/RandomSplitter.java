package dev.braid.evaluation.split;

import dev.braid.api.data.Interaction;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Puts {@code round(trainRatio * n)} interactions, drawn at random with the seed, into train.
 *
 * @param trainRatio share of interactions in train, in (0, 1)
 * @param seed       seed of the shuffle
 */
public record RandomSplitter(double trainRatio, long seed) implements Splitter {

    public RandomSplitter {
        Ratios.requireOpenUnit("trainRatio", trainRatio);
    }

    @Override
    public Split split(List<Interaction> interactions) {
        int n = interactions.size();
        List<Integer> order = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(seed));
        boolean[] inTrain = new boolean[n];
        int trainSize = (int) Math.round(trainRatio * n);
        for (int i = 0; i < trainSize; i++) {
            inTrain[order.get(i)] = true;
        }
        List<Interaction> train = new ArrayList<>(trainSize);
        List<Interaction> test = new ArrayList<>(n - trainSize);
        for (int i = 0; i < n; i++) {
            (inTrain[i] ? train : test).add(interactions.get(i));
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("method", "random");
        d.put("trainRatio", trainRatio);
        d.put("seed", seed);
        return Split.of(train, test, d);
    }
}
