package dev.braid.bench;

import dev.braid.api.component.ProgressListener;
import dev.braid.api.data.Catalog;
import dev.braid.api.data.Interaction;
import dev.braid.api.data.InteractionMatrix;
import dev.braid.api.data.FeatureMatrix;
import dev.braid.api.data.Item;
import dev.braid.api.data.ItemFeatures;
import dev.braid.api.data.Modality;
import dev.braid.api.encoder.EncodingResult;
import dev.braid.api.encoder.ModalityEncoder;
import dev.braid.api.fusion.FusionInput;
import dev.braid.api.fusion.ModalityVectors;
import dev.braid.datasets.Dataset;
import dev.braid.datasets.MovieLensImporter;
import dev.braid.evaluation.split.RatingFilter;
import dev.braid.evaluation.split.Split;
import dev.braid.evaluation.split.Splitter;
import dev.braid.plugin.fusion.ConcatConfig;
import dev.braid.plugin.fusion.ConcatFusion;
import dev.braid.plugin.image.ColorHistogramConfig;
import dev.braid.plugin.image.ColorHistogramEncoder;
import dev.braid.plugin.text.TfIdfConfig;
import dev.braid.plugin.text.TfIdfEncoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MovieLens-100k with its multimodal catalog, encoded once for every protocol: TF-IDF text vectors (4096 hash
 * buckets) of the plots, colour histograms of the posters, and their concatenation. Interaction-free encoders only,
 * so the features do not depend on the split.
 *
 * @param dataset the imported dataset
 * @param text    text-only features
 * @param image   image-only features
 * @param fused   text and image concatenated ({@code concat} fusion, weight 1 each)
 */
record BenchData(Dataset dataset, ItemFeatures text, ItemFeatures image, ItemFeatures fused) {
    private static final Logger LOG = LoggerFactory.getLogger(BenchData.class);

    /**
     * The split a protocol trains and tests on: of every rating, or ({@code positivesOnly}) of the ratings >= 4
     * only, with the training matrix.
     */
    Protocol split(Splitter splitter, boolean positivesOnly) {
        Catalog c = dataset.catalog();
        List<Interaction> used = positivesOnly ? RatingFilter.positives(dataset.interactions(), 4)
                : dataset.interactions();
        Split split = splitter.split(used);
        return new Protocol(c, used, split, InteractionMatrix.of(c, split.train()), positivesOnly);
    }

    /** A protocol's data: what was split, the split and its training matrix. */
    record Protocol(Catalog catalog, List<Interaction> used, Split split, InteractionMatrix train,
                    boolean positivesOnly) {
        /** A report named {@code name} that states the dataset ({@code sources} after it, if any) and the split. */
        BenchReport report(String name, String sources) {
            BenchReport r = new BenchReport(name);
            r.protocol("dataset", "MovieLens-100k (" + catalog.size() + " items, " + used.size()
                    + (positivesOnly ? " positives = ratings >= 4)" : " ratings)") + sources);
            r.protocol("split", split.describe());
            return r;
        }

        /**
         * The harness that trains on this split's training matrix and ranks for its test interactions, at k = 10 and
         * 20.
         *
         * @param candidates the items ranked, or {@code null} for every item minus each user's training items
         */
        Harness harness(Collection<String> candidates, long seed) {
            return new Harness(catalog, train, split.test(), candidates, List.of(10, 20), seed);
        }
    }

    /** Loads the dataset; encodes the catalog only when {@code encode} (the text, image and fused features). */
    static BenchData load(Path datasets, boolean encode) {
        Path ml = datasets.resolve("ml-100k");
        Path items = datasets.resolve("ml-100k-mm/items.tsv");
        if (!Files.isDirectory(ml) || !Files.isRegularFile(items)) {
            throw new IllegalArgumentException("MovieLens-100k not found: expected " + ml + " and " + items
                    + " (pass --datasets DIR)");
        }
        long t0 = System.nanoTime();
        Dataset d = MovieLensImporter.load(ml, items);
        Catalog c = d.catalog();
        if (!encode) {
            return new BenchData(d, ItemFeatures.none(), ItemFeatures.none(), ItemFeatures.none());
        }
        FeatureMatrix text = encode(new TfIdfEncoder(TfIdfConfig.defaults()), c);
        FeatureMatrix image = encode(new ColorHistogramEncoder(ColorHistogramConfig.defaults()), c);
        Map<Modality, FeatureMatrix> both = new EnumMap<>(Modality.class);
        both.put(Modality.TEXT, text);
        both.put(Modality.IMAGE, image);
        ConcatFusion fusion = new ConcatFusion(ConcatConfig.defaults());
        fusion.fit(new FusionInput(c, both, null, 0), ProgressListener.NONE);
        float[][] rows = new float[c.size()][];
        FusionInput in = new FusionInput(c, both, null, 0);
        for (int i = 0; i < c.size(); i++) {
            ModalityVectors v = in.row(i);
            rows[i] = v.isEmpty() ? null : fusion.fuse(v);
        }
        FeatureMatrix fused = FeatureMatrix.ofRows(fusion.dimension(), rows);
        LOG.info("encoded {} items: text {}/{} dims {}, image {}/{} dims {}, fused dims {} in {} s", c.size(),
                text.presentCount(), c.size(), text.dim(), image.presentCount(), c.size(), image.dim(), fused.dim(),
                (System.nanoTime() - t0) / 1_000_000_000.0);
        return new BenchData(d, new ItemFeatures(Map.of(Modality.TEXT, text), text),
                new ItemFeatures(Map.of(Modality.IMAGE, image), image), new ItemFeatures(both, fused));
    }

    private static FeatureMatrix encode(ModalityEncoder encoder, Catalog catalog) {
        List<Item> items = catalog.items();
        if (encoder.fitsOnCatalog()) {
            encoder.fit(items, ProgressListener.NONE);
        }
        float[][] rows = new float[items.size()][];
        int batch = 64;
        for (int start = 0; start < items.size(); start += batch) {
            List<EncodingResult> out = encoder.encode(items.subList(start, Math.min(items.size(), start + batch)));
            for (int j = 0; j < out.size(); j++) {
                if (out.get(j) instanceof EncodingResult.Success s) {
                    rows[start + j] = s.vector();
                }
            }
        }
        return FeatureMatrix.ofRows(encoder.dimension(), rows);
    }
}
