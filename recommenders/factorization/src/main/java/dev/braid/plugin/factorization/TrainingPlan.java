package dev.braid.plugin.factorization;

/**
 * How a factorisation model is trained: epochs, and early stopping on a validation split of the training
 * positives.
 *
 * @param epochs             the most epochs to run
 * @param validationShare    share of each user's positives held out to choose the epoch count; 0 turns early
 *                           stopping off (all epochs on all positives)
 * @param evalEvery          validate every this many epochs
 * @param patience           stop after this many validations without improvement
 * @param refit              after early stopping, retrain on all positives for the best epoch count (otherwise
 *                           keep the best model trained without the validation positives)
 * @param maxValidationUsers at most this many users are ranked at each validation
 * @param seed               seed of the initialisation, the sampling and the validation split
 */
record TrainingPlan(int epochs, double validationShare, int evalEvery, int patience, boolean refit,
                    int maxValidationUsers, long seed) {

    TrainingPlan {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs: must be >= 1, got " + epochs);
        }
        if (!(validationShare >= 0 && validationShare < 1)) {
            throw new IllegalArgumentException("validationShare: must be in [0, 1), got " + validationShare);
        }
        if (evalEvery < 1) {
            throw new IllegalArgumentException("evalEvery: must be >= 1, got " + evalEvery);
        }
        if (patience < 1) {
            throw new IllegalArgumentException("patience: must be >= 1, got " + patience);
        }
        if (maxValidationUsers < 1) {
            throw new IllegalArgumentException("maxValidationUsers: must be >= 1, got " + maxValidationUsers);
        }
    }
}
