package dev.braid.plugin.llm;

import java.util.List;

/**
 * An ordering read from a model's answer.
 *
 * @param order      every candidate id exactly once: the ids the model named (first mention wins), then the ones it
 *                   left out, in their incoming order
 * @param named      how many candidate ids the model named
 * @param unknown    ids the model named that are not candidates (ignored)
 * @param duplicates repeated mentions of a candidate (ignored)
 * @param missing    candidates the model left out (appended)
 */
public record Ranking(List<String> order, int named, int unknown, int duplicates, int missing) {

    public Ranking {
        order = List.copyOf(order);
    }
}
