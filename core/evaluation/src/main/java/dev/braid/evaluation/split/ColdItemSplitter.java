package dev.braid.evaluation.split;

import dev.braid.api.data.Interaction;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * A cold-start item split: {@code round(coldShare * items)} items (at least one, and never all of them), drawn with
 * the seed, become cold; every interaction with a cold item goes to test, every other one to train. The draw is
 * over the sorted distinct item ids, so it does not depend on the order of the input. {@link Split#testItems()}
 * gives the cold items, the usual candidate restriction for the evaluation.
 *
 * @param coldShare share of the items made cold, in (0, 1)
 * @param seed      seed of the draw
 */
public record ColdItemSplitter(double coldShare, long seed) implements Splitter {

    public ColdItemSplitter {
        Ratios.requireOpenUnit("coldShare", coldShare);
    }

    @Override
    public Split split(List<Interaction> interactions) {
        Set<String> distinct = new TreeSet<>();
        for (Interaction x : interactions) {
            distinct.add(x.item());
        }
        List<String> items = new ArrayList<>(distinct);
        Collections.shuffle(items, new Random(seed));
        int coldCount = items.size() < 2 ? 0
                : (int) Math.min(items.size() - 1, Math.max(1, Math.round(coldShare * items.size())));
        Set<String> cold = new HashSet<>(items.subList(0, coldCount));
        List<Interaction> train = new ArrayList<>();
        List<Interaction> test = new ArrayList<>();
        for (Interaction x : interactions) {
            (cold.contains(x.item()) ? test : train).add(x);
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("method", "cold-items");
        d.put("coldShare", coldShare);
        d.put("seed", seed);
        d.put("items", items.size());
        d.put("coldItems", coldCount);
        return Split.of(train, test, d);
    }
}
