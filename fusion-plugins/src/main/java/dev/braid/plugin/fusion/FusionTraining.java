package dev.braid.plugin.fusion;

import dev.braid.api.component.Param;
import dev.braid.api.data.InteractionMatrix;
import dev.braid.api.io.Fingerprint;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * How the trained fusion strategies ({@code gated}, {@code transformer}) learn from interactions: BPR steps over
 * batches of users, early stopping on a validation split, and the best-single-modality rule afterwards. A
 * {@link dev.braid.api.component.ParamGroup} of both configurations: its keys sit beside theirs.
 *
 * @param batchUsers          users per gradient step
 * @param validationFraction  share of each user's training interactions held out for early stopping
 * @param patience            epochs without validation improvement before stopping
 * @param validationNegatives sampled negatives per held-out interaction (validation AUC)
 * @param scoreScale          factor on the cosine difference inside the BPR sigmoid (cosines lie in [-1, 1], so
 *                            without it the loss saturates nowhere and barely separates good from bad rankings)
 * @param keepBestInput       after training, keep the best single modality alone when the trained fusion does not
 *                            beat it on validation ({@link BestInputRule})
 * @param validationHoldout   what validation holds out: {@code interactions} (a share of each user's) or
 *                            {@code items} (a share of the items with all their interactions, as in a cold-start
 *                            evaluation; see {@link Holdout})
 */
public record FusionTraining(
        @Param(description = "users per gradient step", defaultValue = "128", min = 1) int batchUsers,
        @Param(description = "share of each user's training interactions held out for early stopping",
                defaultValue = "0.1", min = 0, max = 0.5) double validationFraction,
        @Param(description = "epochs without validation improvement before stopping", defaultValue = "3", min = 1)
        int patience,
        @Param(description = "sampled negatives per held-out interaction (validation AUC)", defaultValue = "20",
                min = 1) int validationNegatives,
        @Param(description = "factor on the cosine difference inside the BPR sigmoid", defaultValue = "10", min = 0)
        double scoreScale,
        @Param(description = "after training, keep the best single modality alone when the trained fusion does not "
                + "beat it on validation", defaultValue = "true") boolean keepBestInput,
        @Param(description = "what validation holds out: interactions (a share of each user's) or items (a share "
                + "of the items, never trained on, as in a cold-start evaluation)", defaultValue = "interactions")
        String validationHoldout) {

    /** @throws IllegalArgumentException naming the parameter that is out of range */
    public FusionTraining {
        validationHoldout = validationHoldout == null ? "interactions" : validationHoldout;
        ParamRules.check(batchUsers >= 1, "batchUsers", "must be >= 1", batchUsers);
        ParamRules.check(validationFraction >= 0 && validationFraction <= 0.5, "validationFraction",
                "must be in [0, 0.5]", validationFraction);
        ParamRules.check(patience >= 1, "patience", "must be >= 1", patience);
        ParamRules.check(validationNegatives >= 1, "validationNegatives", "must be >= 1", validationNegatives);
        ParamRules.check(scoreScale > 0, "scoreScale", "must be > 0", scoreScale);
        Holdout.parse("validationHoldout", validationHoldout);
    }

    /** The defaults. */
    public static FusionTraining defaults() {
        return new FusionTraining(128, 0.1, 3, 20, 10, true, "interactions");
    }

    /** The same parameters with {@code keepBestInput} set. */
    public FusionTraining withKeepBestInput(boolean keep) {
        return new FusionTraining(batchUsers, validationFraction, patience, validationNegatives, scoreScale, keep,
                validationHoldout);
    }

    /** The same parameters with {@code validationHoldout} set. */
    public FusionTraining withValidationHoldout(String holdout) {
        return new FusionTraining(batchUsers, validationFraction, patience, validationNegatives, scoreScale,
                keepBestInput, holdout);
    }

    Holdout holdout() {
        return Holdout.parse("validationHoldout", validationHoldout);
    }

    /** The validation split for a seed: the same held-out items and negatives every time. */
    InteractionSplit split(InteractionMatrix interactions, boolean[] usable, long seed) {
        return new InteractionSplit(interactions, usable, holdout(), validationFraction, validationNegatives,
                new SplittableRandom(seed));
    }

    /** Mixes every parameter that changes what training learns into a fingerprint. */
    long fingerprint(long h) {
        h = Fingerprint.mix(h, batchUsers);
        h = Fingerprint.mix(h, validationFraction);
        h = Fingerprint.mix(h, patience);
        h = Fingerprint.mix(h, validationNegatives);
        h = Fingerprint.mix(h, scoreScale);
        if (holdout() != Holdout.INTERACTIONS) {
            // mixed in only when not the default, so model files trained before the parameter existed still match
            h = Fingerprint.mix(h, validationHoldout.trim().toLowerCase(Locale.ROOT));
        }
        return h;
    }
}
