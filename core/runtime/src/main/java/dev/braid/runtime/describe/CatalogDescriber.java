package dev.braid.runtime.describe;

import dev.braid.api.component.ProgressListener;
import dev.braid.api.data.Catalog;
import dev.braid.api.data.Item;
import dev.braid.api.data.ItemContent;
import dev.braid.api.describe.DescriptionMode;
import dev.braid.api.describe.DescriptionResult;
import dev.braid.api.describe.ItemDescriber;
import dev.braid.api.encoder.EncodingResult.FailureKind;
import dev.braid.runtime.util.BatchResults;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies an {@link ItemDescriber} to a catalog: picks the items the mode wants and that carry a modality the
 * describer reads, describes them in batches, and returns the catalog with each description joined to its item's
 * text. Items it skips or fails on keep their text unchanged, so their text vectors (cached by content) do not
 * change. It needs no OSGi: any engine holding a describer instance uses it.
 */
public final class CatalogDescriber {
    private static final Logger log = LoggerFactory.getLogger(CatalogDescriber.class);
    private static final int BATCH = 32;
    /** Failures named one by one in the log before the rest are only counted. */
    private static final int LOGGED_FAILURES = 10;

    private CatalogDescriber() {
    }

    /** One item the describer could not describe (it kept its text). */
    public record Failure(String itemId, String kind, String message) {
    }

    /**
     * The described catalog and the counts.
     *
     * @param catalog   same items, in the same order; described ones with their new text
     * @param described the items whose text now holds a description (asked or from the describer's cache)
     * @param fromCache of those, the ones the describer answered from its cache
     * @param skipped   items the mode did not want, or with nothing the describer reads
     * @param failures  items the describer failed on, each named with why
     */
    public record Outcome(Catalog catalog, List<String> described, int fromCache, int skipped,
                          List<Failure> failures) {
        public Outcome {
            described = List.copyOf(described);
            failures = List.copyOf(failures);
        }
    }

    /**
     * @param label names the step in the log and the progress ({@code describer 'llm-describe'})
     * @throws IllegalStateException when the describer breaks its contract (wrong count or order of results)
     */
    public static Outcome apply(ItemDescriber describer, DescriptionMode mode, int minTextChars, Catalog catalog,
                                String label, ProgressListener progress) {
        List<Item> items = new ArrayList<>(catalog.items());
        List<Integer> todo = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            if (mode.wants(item, minTextChars) && describer.reads().stream().anyMatch(item::has)) {
                todo.add(i);
            }
        }
        int skipped = items.size() - todo.size();
        List<String> described = new ArrayList<>();
        int fromCache = 0;
        List<Failure> failures = new ArrayList<>();
        if (!todo.isEmpty()) {
            progress.start("describe (" + label + ")", todo.size());
            try {
                for (int s = 0; s < todo.size(); s += BATCH) {
                    List<Integer> batch = todo.subList(s, Math.min(todo.size(), s + BATCH));
                    List<Item> batchItems = batch.stream().map(items::get).toList();
                    List<DescriptionResult> results = describer.describe(batchItems);
                    BatchResults.requireOnePerItem(results, batch.size());
                    for (int j = 0; j < batch.size(); j++) {
                        Item item = batchItems.get(j);
                        DescriptionResult r = results.get(j);
                        BatchResults.requireItem(item.id(), r.itemId());
                        if (r instanceof DescriptionResult.Success ok && !ok.text().isBlank()) {
                            ItemContent c = item.content();
                            items.set(batch.get(j), item.withContent(new ItemContent(mode.apply(c.text(),
                                    ok.text().strip()), c.image(), c.audio())));
                            described.add(item.id());
                            fromCache += ok.cached() ? 1 : 0;
                        } else if (r instanceof DescriptionResult.Failure f && f.kind() == FailureKind.MISSING) {
                            skipped++;
                        } else {
                            Failure failure = r instanceof DescriptionResult.Failure f
                                    ? new Failure(item.id(), f.kind().name(), f.message())
                                    : new Failure(item.id(), FailureKind.INVALID.name(), "an empty description");
                            if (failures.size() < LOGGED_FAILURES) {
                                log.warn("{}: item '{}' keeps its text: {}", label, item.id(), failure.message());
                            }
                            failures.add(failure);
                        }
                    }
                    progress.advance(batch.size());
                }
            } finally {
                progress.finish();
            }
        }
        log.info("{} (mode {}): {} described ({} from cache), {} failed, {} skipped", label, mode.key(),
                described.size(), fromCache, failures.size(), skipped);
        return new Outcome(new Catalog(items), described, fromCache, skipped, failures);
    }
}
