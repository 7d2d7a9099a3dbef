package dev.braid.bench;

import com.google.common.collect.BiMap;
import com.google.common.collect.HashBasedTable;
import com.google.common.collect.HashBiMap;
import com.google.common.collect.Table;
import dev.braid.api.data.Interaction;
import dev.braid.api.data.InteractionMatrix;
import dev.braid.api.data.ItemFeatures;
import dev.braid.evaluation.split.RatingFilter;
import dev.braid.evaluation.split.Splitter;
import dev.braid.plugin.popularity.PopularityConfig;
import dev.braid.plugin.popularity.PopularityGenerator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import net.librec.common.LibrecException;
import net.librec.conf.Configuration;
import net.librec.data.DataAppender;
import net.librec.data.DataContext;
import net.librec.data.DataModel;
import net.librec.data.DataSplitter;
import net.librec.math.algorithm.Randoms;
import net.librec.math.structure.DataSet;
import net.librec.math.structure.SparseMatrix;
import net.librec.recommender.RecommenderContext;
import net.librec.recommender.cf.ItemKNNRecommender;
import net.librec.recommender.cf.ranking.BPRRecommender;
import net.librec.similarity.CosineSimilarity;

/**
 * LibRec 2.0.0 ({@code net.librec:librec-core}, bench scope only) against Braid on the exact same split in the same
 * run: positives are ratings >= 4, split at random 80/20 with the seed; LibRec's BPR (same factors, learning rate,
 * regularisation and epochs as Braid's) and ItemKNN (cosine, 50 neighbours) train on an in-memory data model built
 * from Braid's training list, and every model is scored by Braid's evaluator through its predictions. Epoch times
 * are wall times of the training loops divided by their epoch counts.
 */
final class LibRecProtocol {
    private LibRecProtocol() {
    }

    static BenchReport run(RecommenderBench bench, BenchData data) {
        BenchData.Protocol setup = data.split(Splitter.random(0.8, bench.seed), true);
        InteractionMatrix train = setup.train();
        BenchReport r = setup.report("librec", "");
        r.protocol("train", "the training positives, identical for Braid and LibRec (one in-memory matrix each)");
        r.protocol("relevant", "test positives");
        r.protocol("candidates", "all items minus each user's training items; full ranking by Braid's evaluator");
        r.protocol("models", "Braid bpr and LibRec BPRRecommender with factors=" + bench.factors + ", epochs="
                + bench.epochs + " (no early stopping), learning rate " + bench.learningRate + ", regularisation "
                + bench.regularization + ", user-first sampling (as LibRec); LibRec ItemKNNRecommender cosine, 50 neighbours");
        Harness h = setup.harness(null, bench.seed);
        r.add(h.run("popularity (braid)", new PopularityGenerator(PopularityConfig.defaults()), ItemFeatures.none(),
                g -> Map.of()));
        double savedValidation = bench.validationShare;
        int savedEpochs = bench.epochs;
        String savedSampling = bench.sampling;
        bench.sampling = "user"; // LibRec's BPR draws a user first, then one of their positives
        bench.validationShare = 0; // fixed epoch counts, no early stopping
        BenchRow braidSameEpochs = r.add(h.run("bpr (braid, same epochs)", bench.bpr(), ItemFeatures.none(),
                RecommenderBench::training));
        // LibRec draws 100 triples per user per epoch, Braid one per positive: give Braid as many SGD draws in all.
        bench.epochs = (int) Math.round(savedEpochs * 100.0 * train.numUsers() / train.numInteractions());
        BenchRow braid = r.add(h.run("bpr (braid, same draws)", bench.bpr(), ItemFeatures.none(),
                RecommenderBench::training));
        bench.validationShare = savedValidation;
        bench.epochs = savedEpochs;
        bench.sampling = savedSampling;

        InMemoryModel model = new InMemoryModel(train);
        BenchRow lbpr = r.add(libRecBpr(bench, h, model));
        r.add(libRecItemKnn(bench, h, model));
        double braidEpoch = ((Number) braidSameEpochs.details().get("seconds_per_epoch")).doubleValue();
        double libEpoch = ((Number) lbpr.details().get("seconds_per_epoch")).doubleValue();
        r.check("Braid BPR (as many SGD draws as LibRec) NDCG@10 >= LibRec BPR NDCG@10 ("
                + String.format(Locale.ROOT, "%.4f", lbpr.ndcg10()) + ")", braid.ndcg10(), lbpr.ndcg10(), braid.ndcg10() >= lbpr.ndcg10());
        double drawsBraid = train.numInteractions();
        double drawsLib = 100.0 * train.numUsers();
        double speedup = (libEpoch / drawsLib) / (braidEpoch / drawsBraid);
        r.protocol("epoch", "Braid: one draw per training positive (" + (long) drawsBraid + "); LibRec: 100 draws "
                + "per user (" + (long) drawsLib + "); the speed-up is per draw (time per epoch / draws per epoch)");
        r.check("Braid BPR trains at least 2x faster per SGD draw than LibRec BPR (speed-up)", speedup, 2.0,
                speedup >= 2.0);
        r.check("Braid BPR seconds per epoch at most half of LibRec's (epoch speed-up)", libEpoch / braidEpoch, 2.0,
                libEpoch / braidEpoch >= 2.0);
        return r;
    }

    private static Configuration conf(RecommenderBench bench) {
        Configuration conf = new Configuration();
        conf.set("rec.recommender.isranking", "true");
        conf.set("rec.recommender.ranking.topn", "10");
        conf.set("rec.iterator.maximum", String.valueOf(bench.epochs));
        conf.set("rec.iterator.learnrate", String.valueOf(bench.learningRate));
        conf.set("rec.iterator.learnrate.maximum", String.valueOf(bench.learningRate));
        conf.set("rec.user.regularization", String.valueOf(bench.regularization));
        conf.set("rec.item.regularization", String.valueOf(bench.regularization));
        conf.set("rec.factor.number", String.valueOf(bench.factors));
        conf.set("rec.learnrate.bolddriver", "false");
        conf.set("rec.learnrate.decay", "1.0");
        conf.set("rec.random.seed", String.valueOf(bench.seed));
        conf.set("rec.neighbors.knn.number", "50");
        conf.set("rec.recommender.similarities", "item");
        conf.set("rec.recommender.similarity.key", "item");
        conf.set("rec.similarity.class", "cos");
        conf.set("rec.similarity.shrinkage", "0");
        return conf;
    }

    private static BenchRow libRecBpr(RecommenderBench bench, Harness h, InMemoryModel model) {
        Randoms.seed(bench.seed);
        Configuration conf = conf(bench);
        ExposedBpr rec = new ExposedBpr();
        rec.setContext(new RecommenderContext(conf, model));
        long t0 = System.nanoTime();
        rec.train();
        double fit = (System.nanoTime() - t0) / 1e9;
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("library", "net.librec:librec-core 2.0.0");
        d.put("epochs", bench.epochs);
        d.put("seconds_per_epoch", rec.trainSeconds / bench.epochs);
        return h.evaluate("bpr (librec)", model.scorer(rec::score), fit, d);
    }

    private static BenchRow libRecItemKnn(RecommenderBench bench, Harness h, InMemoryModel model) {
        Configuration conf = conf(bench);
        long t0 = System.nanoTime();
        CosineSimilarity sim = new CosineSimilarity();
        model.context = new DataContext(conf);
        sim.buildSimilarityMatrix(model);
        RecommenderContext ctx = new RecommenderContext(conf, model, sim);
        ExposedItemKnn rec = new ExposedItemKnn();
        rec.setContext(ctx);
        rec.train();
        double fit = (System.nanoTime() - t0) / 1e9;
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("library", "net.librec:librec-core 2.0.0");
        d.put("neighbours", 50);
        d.put("similarity", "cosine");
        return h.evaluate("item-knn (librec)", model.scorer(rec::score), fit, d);
    }

    /** Access to LibRec's protected training steps and predictions. */
    static final class ExposedBpr extends BPRRecommender {
        double trainSeconds;

        void train() {
            try {
                setup();
                long t0 = System.nanoTime();
                trainModel();
                trainSeconds = (System.nanoTime() - t0) / 1e9;
            } catch (LibrecException e) {
                throw new IllegalStateException("LibRec BPR failed: " + e.getMessage(), e);
            }
        }

        double score(int u, int i) {
            try {
                return predict(u, i);
            } catch (LibrecException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Access to LibRec's protected training steps. */
    static final class ExposedItemKnn extends ItemKNNRecommender {
        void train() {
            try {
                setup();
                trainModel();
            } catch (LibrecException e) {
                throw new IllegalStateException("LibRec ItemKNN failed: " + e.getMessage(), e);
            }
        }

        synchronized double score(int u, int i) {
            try {
                return predict(u, i);
            } catch (LibrecException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A LibRec data model over Braid's training matrix (users and items by Braid's indices). */
    static final class InMemoryModel implements DataModel {
        private final InteractionMatrix train;
        private final SparseMatrix matrix;
        private final BiMap<String, Integer> users = HashBiMap.create();
        private final BiMap<String, Integer> items = HashBiMap.create();
        DataContext context;

        InMemoryModel(InteractionMatrix train) {
            this.train = train;
            Table<Integer, Integer, Double> t = HashBasedTable.create();
            for (int u = 0; u < train.numUsers(); u++) {
                users.put(train.userId(u), u);
                for (int j = 0; j < train.degree(u); j++) {
                    t.put(u, train.item(u, j), 1.0);
                }
            }
            for (int i = 0; i < train.numItems(); i++) {
                items.put("i" + i, i);
            }
            matrix = new SparseMatrix(train.numUsers(), train.numItems(), t);
        }

        interface PairScore {
            double score(int u, int i);
        }

        /** Scores every item for a user with a LibRec prediction; users unknown to training get 0. */
        dev.braid.evaluation.Scorer scorer(PairScore f) {
            return (user, scores) -> {
                int u = train.userIndex(user);
                for (int i = 0; i < scores.length; i++) {
                    scores[i] = u < 0 ? 0f : (float) f.score(u, i);
                }
            };
        }

        @Override
        public void buildDataModel() {
        }

        @Override
        public void loadDataModel() {
        }

        @Override
        public void saveDataModel() {
        }

        @Override
        public DataSplitter getDataSplitter() {
            SparseMatrix trainMatrix = matrix;
            return new DataSplitter() {
                @Override
                public void splitData() {
                }

                @Override
                public void setDataConvertor(net.librec.data.DataConvertor convertor) {
                }

                @Override
                public SparseMatrix getTrainData() {
                    return trainMatrix;
                }

                @Override
                public SparseMatrix getTestData() {
                    return (SparseMatrix) getTestDataSet();
                }

                @Override
                public SparseMatrix getValidData() {
                    return null;
                }
            };
        }

        @Override
        public DataSet getTrainDataSet() {
            return matrix;
        }

        @Override
        public DataSet getTestDataSet() {
            return new SparseMatrix(train.numUsers(), train.numItems(), HashBasedTable.<Integer, Integer, Double>create());
        }

        @Override
        public DataSet getValidDataSet() {
            return null;
        }

        @Override
        public DataSet getDatetimeDataSet() {
            return null;
        }

        @Override
        public BiMap<String, Integer> getUserMappingData() {
            return users;
        }

        @Override
        public BiMap<String, Integer> getItemMappingData() {
            return items;
        }

        @Override
        public DataAppender getDataAppender() {
            return null;
        }

        @Override
        public DataContext getContext() {
            return context;
        }
    }
}
