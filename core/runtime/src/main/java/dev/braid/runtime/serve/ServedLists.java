package dev.braid.runtime.serve;

/**
 * Keeps count of the lists served per variant and of the clicks on them: a posted interaction on an item of the
 * user's last list counts one click for the variant that served it.
 */
final class ServedLists {
    private final ServeMetrics metrics;
    private final ShownItems shown = new ShownItems(100_000);

    ServedLists(ServeMetrics metrics) {
        this.metrics = metrics;
    }

    void served(Listing listing, long startNanos) {
        if (listing.user() != null) {
            shown.shown(listing.user(), listing.variant(), listing.ids());
        }
        metrics.served(listing.variant(), System.nanoTime() - startNanos);
    }

    void interacted(String user, String item) {
        String variant = shown.click(user, item);
        if (variant != null) {
            metrics.click(variant);
        }
    }
}
