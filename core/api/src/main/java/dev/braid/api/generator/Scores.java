package dev.braid.api.generator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What every generator does with a score array, in one place: checks the slots, overwrites them the model-based
 * way (earlier {@link Float#NEGATIVE_INFINITY} stays), scores candidates through {@link CandidateScorer} or the
 * catalog, and turns own scores into reasons.
 *
 * @since 1.2.0 of this package
 */
public final class Scores {

    private Scores() {
    }

    /**
     * Fails unless there is one score slot per catalog item.
     *
     * @param who the generator's name, for the message
     */
    public static void requireSlots(String who, float[] scores, int catalogSize) {
        if (scores.length != catalogSize) {
            throw new IllegalArgumentException(who + ": got " + scores.length + " score slots for a catalog of "
                    + catalogSize + " items");
        }
    }

    /**
     * Fails unless there is one score slot per candidate and every candidate is a catalog index.
     *
     * @param who the generator's name, for the message
     */
    public static void requireCandidates(String who, int[] candidates, float[] scores, int catalogSize) {
        if (scores.length != candidates.length) {
            throw new IllegalArgumentException(who + ": got " + scores.length + " score slots for "
                    + candidates.length + " candidates");
        }
        for (int c : candidates) {
            if (c < 0 || c >= catalogSize) {
                throw new IllegalArgumentException(who + ": candidate " + c + " is outside the catalog of "
                        + catalogSize + " items");
            }
        }
    }

    /** Copies {@code own} into {@code scores} except where {@code scores} holds negative infinity (a filter). */
    public static void overwrite(float[] own, float[] scores) {
        for (int i = 0; i < scores.length; i++) {
            if (scores[i] != Float.NEGATIVE_INFINITY) {
                scores[i] = own[i];
            }
        }
    }

    /** Sets every score to {@code value} except negative infinity: a generator with nothing to say (e.g. 0). */
    public static void fill(float value, float[] scores) {
        for (int i = 0; i < scores.length; i++) {
            if (scores[i] != Float.NEGATIVE_INFINITY) {
                scores[i] = value;
            }
        }
    }

    /**
     * Scores the candidates with the generator: natively when it is a {@link CandidateScorer}, otherwise by
     * scoring the whole catalog (starting from {@code scores} at the candidates, 0 elsewhere) and picking them.
     *
     * @param scores one slot per candidate, in and out as in {@link CandidateScorer#score}
     */
    public static void scoreCandidates(Generator generator, Query query, int[] candidates, float[] scores,
                                       int catalogSize) {
        if (generator instanceof CandidateScorer c) {
            c.score(query, candidates, scores);
            return;
        }
        requireCandidates(generator.getClass().getSimpleName(), candidates, scores, catalogSize);
        float[] all = new float[catalogSize];
        for (int k = 0; k < candidates.length; k++) {
            all[candidates[k]] = scores[k];
        }
        generator.score(query, all);
        for (int k = 0; k < candidates.length; k++) {
            scores[k] = all[candidates[k]];
        }
    }

    /** One reason per item, {@code "<who>: score 0.812"}: for generators whose explanation is their own score. */
    public static List<List<String>> reasons(String who, float[] own) {
        List<List<String>> out = new ArrayList<>(own.length);
        for (float s : own) {
            out.add(List.of(String.format(Locale.ROOT, "%s: score %.3f", who, s)));
        }
        return out;
    }
}
