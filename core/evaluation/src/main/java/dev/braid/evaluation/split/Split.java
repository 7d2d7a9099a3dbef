package dev.braid.evaluation.split;

import dev.braid.api.data.Interaction;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The result of a {@link Splitter}: the training and test interactions, each in the order of the input list, and a
 * description of how they were made (method, parameters, sizes) that reports stamp into their protocol.
 *
 * @param train    interactions the models fit on
 * @param test     held-out interactions
 * @param describe method, parameters and sizes; insertion-ordered, values are strings, numbers or booleans
 */
public record Split(List<Interaction> train, List<Interaction> test, Map<String, Object> describe) {

    public Split {
        train = List.copyOf(Objects.requireNonNull(train, "train"));
        test = List.copyOf(Objects.requireNonNull(test, "test"));
        describe = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(describe, "describe")));
    }

    /** The distinct items of the test set, in order of first appearance (for a cold-start split: the cold items). */
    public Set<String> testItems() {
        Set<String> items = new LinkedHashSet<>();
        for (Interaction x : test) {
            items.add(x.item());
        }
        return Collections.unmodifiableSet(items);
    }

    /** A split with this description, adding the train and test sizes. */
    static Split of(List<Interaction> train, List<Interaction> test, Map<String, Object> description) {
        Map<String, Object> d = new LinkedHashMap<>(description);
        d.put("train", train.size());
        d.put("test", test.size());
        return new Split(train, test, d);
    }
}
