package dev.braid.evaluation.split;

import dev.braid.api.data.Interaction;

import java.util.List;

/**
 * Divides interactions into a training and a test set. Every implementation is deterministic: the same input list
 * and the same parameters (seed included) give the same split, and both output lists keep the input order.
 */
public interface Splitter {

    /** Splits these interactions. */
    Split split(List<Interaction> interactions);

    /** A random share of all interactions goes to train, the rest to test. */
    static Splitter random(double trainRatio, long seed) {
        return new RandomSplitter(trainRatio, seed);
    }

    /**
     * Each user's interactions are split by the ratio on their own (the Microsoft Recommenders "stratified" split),
     * so every user with enough interactions appears on both sides.
     */
    static Splitter stratified(double trainRatio, long seed) {
        return new StratifiedSplitter(trainRatio, seed);
    }

    /** Each user's latest interaction goes to test; users with a single interaction stay in train. */
    static Splitter leaveLastOut() {
        return new LeaveLastOutSplitter();
    }

    /** Interactions before the given quantile of all timestamps go to train, the later ones to test. */
    static Splitter timeQuantile(double quantile) {
        return TimeSplitter.quantile(quantile);
    }

    /** Interactions strictly before this time (seconds since the epoch) go to train, the others to test. */
    static Splitter timeCut(long time) {
        return TimeSplitter.at(time);
    }

    /** A random share of the items becomes cold: all their interactions go to test, and train never sees them. */
    static Splitter coldItems(double coldShare, long seed) {
        return new ColdItemSplitter(coldShare, seed);
    }
}
