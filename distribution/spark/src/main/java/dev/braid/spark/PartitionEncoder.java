package dev.braid.spark;

import dev.braid.api.data.Item;
import dev.braid.api.data.Modality;
import dev.braid.api.encoder.EncodingResult;
import dev.braid.api.encoder.ModalityEncoder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.util.LongAccumulator;

/**
 * Encodes one partition of catalog rows, a batch at a time, with the executor's shared encoders. The partition is
 * hash-partitioned by item id, so a repeated id is repeated within it: the first row of an id is kept. Output rows are
 * {@code (id, one vector or null per modality, failures)}; a failure is {@code (modality, kind, message)} with the
 * kinds of {@code braid encode} (MISSING, INVALID, UNREADABLE, UNSUPPORTED; INVALID also for an exception). A batch whose call
 * throws is retried item by item, so one bad item never fails its neighbours, its task or the job.
 */
final class PartitionEncoder implements Iterator<Row> {
    private final Iterator<Row> rows;
    private final ItemReader reader;
    private final ExecutorEngine engine;
    private final List<Modality> modalities;
    private final int batchSize;
    private final Set<String> seen = new HashSet<>();
    private final LongAccumulator items;
    private final LongAccumulator failures;
    private Iterator<Row> current = List.<Row>of().iterator();

    /** {@code items} and {@code failures} count the output rows and the failures (one per item and modality). */
    PartitionEncoder(Iterator<Row> rows, ItemReader reader, ExecutorEngine engine, int batchSize,
                     LongAccumulator items, LongAccumulator failures) {
        this.rows = rows;
        this.reader = reader;
        this.engine = engine;
        this.modalities = List.copyOf(engine.encoders().keySet());
        this.batchSize = batchSize;
        this.items = items;
        this.failures = failures;
    }

    @Override
    public boolean hasNext() {
        while (!current.hasNext() && rows.hasNext()) {
            List<Item> batch = new ArrayList<>(batchSize);
            while (batch.size() < batchSize && rows.hasNext()) {
                Item item = reader.read(rows.next());
                if (seen.add(item.id())) {
                    batch.add(item);
                }
            }
            current = encode(batch).iterator();
        }
        return current.hasNext();
    }

    @Override
    public Row next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return current.next();
    }

    private List<Row> encode(List<Item> batch) {
        int n = batch.size();
        float[][][] vectors = new float[modalities.size()][n][];
        List<List<Row>> failures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            failures.add(new ArrayList<>());
        }
        for (int m = 0; m < modalities.size(); m++) {
            Modality modality = modalities.get(m);
            ModalityEncoder encoder = engine.encoders().get(modality);
            List<Integer> todo = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (batch.get(i).content().has(modality)) {
                    todo.add(i);
                } else {
                    failures.get(i).add(RowFactory.create(modality.key(), "MISSING", "no " + modality.key()));
                }
            }
            List<Item> items = todo.stream().map(batch::get).toList();
            List<EncodingResult> results = encodeSafely(encoder, items);
            for (int j = 0; j < todo.size(); j++) {
                int i = todo.get(j);
                EncodingResult r = results.get(j);
                if (r instanceof EncodingResult.Success s) {
                    if (s.vector().length != encoder.dimension()) {
                        failures.get(i).add(RowFactory.create(modality.key(), "INVALID", "vector of dimension "
                                + s.vector().length + ", the encoder declares " + encoder.dimension()));
                    } else if (!finite(s.vector())) {
                        failures.get(i).add(RowFactory.create(modality.key(), "INVALID",
                                "the encoder produced NaN or infinite values"));
                    } else {
                        vectors[m][i] = s.vector();
                    }
                } else if (r instanceof EncodingResult.Failure f) {
                    failures.get(i).add(RowFactory.create(modality.key(), f.kind().name(), f.message()));
                }
            }
        }
        List<Row> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Object[] values = new Object[modalities.size() + 2];
            values[0] = batch.get(i).id();
            for (int m = 0; m < modalities.size(); m++) {
                values[m + 1] = vectors[m][i];
            }
            values[values.length - 1] = scala.jdk.javaapi.CollectionConverters.asScala(failures.get(i)).toSeq();
            out.add(RowFactory.create(values));
            this.failures.add(failures.get(i).size());
        }
        items.add(n);
        return out;
    }

    /** One result per item, in order: the batch call, or item by item when it throws or misbehaves. */
    static List<EncodingResult> encodeSafely(ModalityEncoder encoder, List<Item> items) {
        if (items.isEmpty()) {
            return List.of();
        }
        try {
            List<EncodingResult> r = encoder.encode(items);
            if (r != null && r.size() == items.size() && inOrder(r, items)) {
                return r;
            }
        } catch (RuntimeException | LinkageError e) {
            if (items.size() == 1) {
                return List.of(EncodingResult.failure(items.get(0).id(), EncodingResult.FailureKind.INVALID,
                        "the encoder failed on this item: " + e.getClass().getSimpleName() + ": " + e.getMessage()));
            }
        }
        List<EncodingResult> out = new ArrayList<>(items.size());
        for (Item item : items) {
            if (items.size() == 1) {
                out.add(EncodingResult.failure(item.id(), EncodingResult.FailureKind.INVALID,
                        "the encoder returned no result for the item"));
            } else {
                out.addAll(encodeSafely(encoder, List.of(item)));
            }
        }
        return out;
    }

    private static boolean inOrder(List<EncodingResult> results, List<Item> items) {
        for (int i = 0; i < items.size(); i++) {
            if (results.get(i) == null || !items.get(i).id().equals(results.get(i).itemId())) {
                return false;
            }
        }
        return true;
    }

    private static boolean finite(float[] v) {
        for (float x : v) {
            if (!Float.isFinite(x)) {
                return false;
            }
        }
        return true;
    }
}
