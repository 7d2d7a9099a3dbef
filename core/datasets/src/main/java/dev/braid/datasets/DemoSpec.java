package dev.braid.datasets;

/**
 * The size and seed of the generated demo catalog. The same spec always generates the same files.
 *
 * @param items               number of items (default 3,000)
 * @param users               number of users (default 1,500)
 * @param interactionsPerUser mean number of interactions per user (default 30); each user's count varies
 * @param seed                the random seed
 */
public record DemoSpec(int items, int users, int interactionsPerUser, long seed) {

    /** The demo shipped with Braid: 3,000 items, 1,500 users, about 30 interactions each. */
    public static final DemoSpec DEFAULT = new DemoSpec(3000, 1500, 30, 42L);

    public DemoSpec {
        if (items < 10) {
            throw new IllegalArgumentException("demo spec: items must be at least 10, got " + items);
        }
        if (users < 1) {
            throw new IllegalArgumentException("demo spec: users must be at least 1, got " + users);
        }
        if (interactionsPerUser < 1 || interactionsPerUser > items / 4) {
            throw new IllegalArgumentException("demo spec: interactionsPerUser must be between 1 and items/4 ("
                    + items / 4 + "), got " + interactionsPerUser);
        }
    }

    /** The marker-file form of this spec; a change in the generator's version also invalidates old folders. */
    String marker(int generatorVersion) {
        return "generator=" + generatorVersion + "\nitems=" + items + "\nusers=" + users
                + "\ninteractionsPerUser=" + interactionsPerUser + "\nseed=" + seed + "\n";
    }
}
