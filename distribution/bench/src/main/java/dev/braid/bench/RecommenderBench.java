package dev.braid.bench;

import dev.braid.api.component.Environment;
import dev.braid.api.data.Catalog;
import dev.braid.api.data.Interaction;
import dev.braid.api.data.InteractionMatrix;
import dev.braid.api.data.ItemFeatures;
import dev.braid.api.generator.Generator;
import dev.braid.api.compute.ReferenceBackend;
import dev.braid.runtime.blend.BlendFit;
import dev.braid.runtime.blend.BlendGenerator;
import dev.braid.evaluation.split.RatingFilter;
import dev.braid.evaluation.split.Split;
import dev.braid.evaluation.split.Splitter;
import dev.braid.plugin.content.ContentProfileConfig;
import dev.braid.plugin.content.ContentProfileGenerator;
import dev.braid.plugin.content.ItemKnnConfig;
import dev.braid.plugin.content.ItemKnnGenerator;
import dev.braid.plugin.factorization.BprConfig;
import dev.braid.plugin.factorization.BprGenerator;
import dev.braid.plugin.factorization.BprTraining;
import dev.braid.plugin.factorization.TrainingReport;
import dev.braid.plugin.factorization.VbprConfig;
import dev.braid.plugin.factorization.VbprGenerator;
import dev.braid.plugin.neural.TwoTowerConfig;
import dev.braid.plugin.neural.TwoTowerGenerator;
import dev.braid.plugin.neural.TwoTowerReport;
import dev.braid.plugin.popularity.PopularityConfig;
import dev.braid.plugin.popularity.PopularityGenerator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * Runs one benchmark protocol on MovieLens-100k (+ its multimodal catalog) and writes a JSON report with the exact
 * protocol stamped in it. See {@code docs/benchmarks.md} for the protocols and the figures measured here.
 */
@Command(name = "bench-recommenders", mixinStandardHelpOptions = true,
        description = "Recommender benchmark protocols: cornac, msrec, librec, cold.")
public final class RecommenderBench implements Callable<Integer> {

    @Option(names = "--protocol", required = true, description = "cornac, msrec, librec or cold")
    String protocol;

    @Option(names = "--datasets", defaultValue = "../shared/datasets",
            description = "folder holding ml-100k/ and ml-100k-mm/ (default ${DEFAULT-VALUE})")
    Path datasets;

    @Option(names = "--out", description = "JSON report (default distribution/bench/target/bench-<protocol>.json)")
    Path out;

    @Option(names = "--seed", defaultValue = "42", description = "seed of the split and the models")
    long seed;

    @Option(names = "--factors", defaultValue = "64") int factors;
    @Option(names = "--epochs", defaultValue = "100") int epochs;
    @Option(names = "--lr", defaultValue = "0.05") double learningRate;
    @Option(names = "--reg", defaultValue = "0.01") double regularization;
    @Option(names = "--item-bias", defaultValue = "true", arity = "1") boolean itemBias;
    @Option(names = "--sampling", defaultValue = "pair", description = "pair or user") String sampling;
    @Option(names = "--content-factors", defaultValue = "32") int contentFactors;
    @Option(names = "--content-dim", defaultValue = "128") int contentDimension;
    @Option(names = "--content-reg", defaultValue = "0.001") double contentRegularization;
    @Option(names = "--vbpr-batch", defaultValue = "0",
            description = "VBPR draws per update of the content projection (0 = automatic, 1 = per-draw updates)")
    int vbprBatch;
    @Option(names = "--vbpr-content-only", defaultValue = "0",
            description = "VBPR weight of the content-only loss (0 = plain VBPR)") double vbprContentOnly;
    @Option(names = "--validation", defaultValue = "0.1",
            description = "BPR early-stopping validation share (0 = run all epochs)") double validationShare;

    @Option(names = "--tt-epochs", defaultValue = "40", description = "two-tower: maximum epochs") int ttEpochs;
    @Option(names = "--tt-dim", defaultValue = "64", description = "two-tower: embedding dimension") int ttDimension;
    @Option(names = "--tt-lr", defaultValue = "0.003", description = "two-tower: Adam learning rate") double ttLearningRate;
    @Option(names = "--tt-temperature", defaultValue = "0.1") double ttTemperature;
    @Option(names = "--tt-id-dropout", defaultValue = "0.5") double ttIdDropout;
    @Option(names = "--tt-logq", defaultValue = "true", arity = "1") boolean ttLogQ;
    @Option(names = "--tt-user-embedding", defaultValue = "false", arity = "1") boolean ttUserEmbedding;
    @Option(names = "--tt-batch", defaultValue = "512", description = "two-tower: positives per step") int ttBatch;
    @Option(names = "--tt-validation", defaultValue = "0.1",
            description = "two-tower: early-stopping validation share (0 = run all epochs)") double ttValidation;

    @Option(names = "--models", split = ",", description = "run only these model families (cornac and cold): "
            + "popularity, bpr, vbpr, content, two-tower, blend; default all (checks of skipped models are skipped)")
    Set<String> models;

    boolean want(String family) {
        return models == null || models.isEmpty() || models.contains(family);
    }

    public static void main(String[] args) {
        // The two-tower generator trains with DJL's PyTorch engine: natives from the class path, offline.
        dev.braid.runtime.platform.NativePlatform.configure(Path.of("distribution/bench/target/native-cache")
                .toAbsolutePath());
        System.exit(new CommandLine(new RecommenderBench()).execute(args));
    }

    @Override
    public Integer call() {
        BenchData data = BenchData.load(datasets, !protocol.equals("msrec") && !protocol.equals("librec"));
        BenchReport report = switch (protocol) {
            case "cornac" -> cornac(data);
            case "msrec" -> msrec(data);
            case "cold" -> cold(data);
            case "librec" -> LibRecProtocol.run(this, data);
            default -> throw new CommandLine.ParameterException(new CommandLine(this),
                    "unknown protocol '" + protocol + "': expected cornac, msrec, librec or cold");
        };
        Path json = out != null ? out : Path.of("distribution/bench/target/bench-" + protocol + ".json");
        report.write(json);
        PrintWriter pw = new PrintWriter(System.out, true);
        report.print(pw);
        pw.printf("report: %s%n", json.toAbsolutePath());
        return report.allHold() ? 0 : 3;
    }

    BprConfig bprConfig() {
        return new BprConfig(factors, itemBias, training());
    }

    private Map<String, Object> bprProtocol() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("factors", factors);
        m.put("max_epochs", epochs);
        m.put("learning_rate", learningRate);
        m.put("regularization", regularization);
        m.put("early_stopping_validation_share", validationShare);
        m.put("sampling", sampling);
        m.put("item_bias", itemBias);
        return m;
    }

    TwoTowerConfig twoTowerConfig() {
        TwoTowerConfig d = TwoTowerConfig.defaults();
        return new TwoTowerConfig(ttDimension, d.hidden(), d.inputDimension(), d.idEmbedding(), ttIdDropout,
                d.itemBias(), ttUserEmbedding, ttTemperature, ttBatch, d.negatives(), d.inBatchNegatives(), ttLogQ,
                d.historyLength(), ttEpochs, ttLearningRate, d.weightDecay(), ttValidation, d.evalEvery(),
                d.patience(), d.maxValidationUsers(), d.threads(), "");
    }

    Generator twoTower() {
        return new TwoTowerGenerator(twoTowerConfig(), new Environment(Path.of("distribution/bench/target"),
                Path.of("."), seed), new ReferenceBackend());
    }

    static BlendGenerator blend(List<String> names, List<java.util.function.Supplier<Generator>> members) {
        return new BlendGenerator(BlendFit.defaults(), names, members);
    }

    static Map<String, Object> blendDetails(Generator g) {
        Map<String, Object> d = new LinkedHashMap<>();
        if (g instanceof BlendGenerator b && b.weights() != null) {
            d.put("weights", java.util.Arrays.stream(b.weights()).boxed().toList());
            d.put("validation_metric", b.validationMetric());
        }
        return d;
    }

    static Map<String, Object> training(Generator g) {
        Map<String, Object> d = new LinkedHashMap<>();
        if (g instanceof TwoTowerGenerator t && t.trainingReport() != null) {
            TwoTowerReport r = t.trainingReport();
            d.put("epochs", r.epochs());
            d.put("best_epoch", r.bestEpoch());
            d.put("seconds_per_epoch", r.secondsPerEpoch());
            d.put("validation_ndcg@10", r.validationNdcg());
            return d;
        }
        TrainingReport r = g instanceof BprGenerator b ? b.trainingReport()
                : g instanceof VbprGenerator v ? v.trainingReport() : null;
        if (r != null) {
            d.put("epochs", r.epochs());
            d.put("seconds_per_epoch", r.secondsPerEpoch());
            d.put("validation_ndcg@10", r.validationNdcg());
        }
        return d;
    }

    VbprConfig vbprConfig() {
        return new VbprConfig(factors, contentFactors, contentRegularization, contentDimension, vbprBatch,
                vbprContentOnly, training());
    }

    BprTraining training() {
        return new BprTraining(epochs, learningRate, regularization, validationShare, 5, 3, true, 5000, sampling,
                "");
    }

    Generator vbpr() {
        return new VbprGenerator(vbprConfig(), new Environment(Path.of("distribution/bench/target"), Path.of("."), seed));
    }

    Generator bpr() {
        return new BprGenerator(bprConfig(), new Environment(Path.of("distribution/bench/target"), Path.of("."), seed));
    }

    /**
     * Cornac's protocol (its README's MovieLens-100k table: {@code RatioSplit(test_size=0.2, rating_threshold=4.0,
     * seed=123)}, exclude_unknowns): all ratings are split at random 80/20; models train on every training rating
     * (Cornac's BPR treats each observed rating as a positive); the relevant test items are the test ratings
     * {@code >= 4}; candidates are the items known from training, minus each user's training items.
     */
    BenchReport cornac(BenchData data) {
        BenchData.Protocol setup = data.split(Splitter.random(0.8, seed), false);
        Catalog c = setup.catalog();
        Split split = setup.split();
        InteractionMatrix train = setup.train();
        Set<String> trainItems = new HashSet<>();
        Set<String> trainUsers = new HashSet<>();
        split.train().forEach(x -> {
            trainItems.add(x.item());
            trainUsers.add(x.user());
        });
        List<Interaction> test = RatingFilter.positives(split.test(), 4).stream()
                .filter(x -> trainUsers.contains(x.user()) && trainItems.contains(x.item())).toList();
        BenchReport r = setup.report("cornac", "");
        r.protocol("train", "every training rating is a positive (as Cornac's BPR fits train_set.matrix)");
        r.protocol("relevant", "test ratings >= 4 of users and items known from training (exclude_unknowns)");
        r.protocol("candidates", "items known from training (" + trainItems.size()
                + "), minus each user's training items; full ranking");
        r.protocol("metric", "NDCG@10 with binary relevance, averaged over test users with a relevant item");
        r.protocol("bpr", bprProtocol());
        r.reference("source", "Cornac README, MovieLens-100k table: BPR NDCG@10 0.1500 "
                + "(k=10, max_iter=200, learning_rate=0.001, lambda_reg=0.01, seed=123)");
        r.reference("cornac_bpr_ndcg@10", 0.1500);
        Harness h = new Harness(c, train, test, trainItems, List.of(10, 20), seed);
        if (want("popularity")) {
            r.add(h.run("popularity", new PopularityGenerator(PopularityConfig.defaults()), ItemFeatures.none(),
                    g -> Map.of()));
        }
        BenchRow bpr = null;
        if (want("bpr")) {
            bpr = r.add(h.run("bpr", bpr(), ItemFeatures.none(), RecommenderBench::training));
            r.check("Braid BPR NDCG@10 >= Cornac's published BPR (0.150)", bpr.ndcg10(), 0.150,
                    bpr.ndcg10() >= 0.150);
        }
        if (want("vbpr")) {
            double bestMultimodal = Double.NEGATIVE_INFINITY;
            for (var v : List.of(Map.entry("text", data.text()), Map.entry("image", data.image()),
                    Map.entry("fused", data.fused()))) {
                BenchRow row = r.add(h.run("vbpr (" + v.getKey() + ")", vbpr(), v.getValue(),
                        RecommenderBench::training));
                bestMultimodal = Math.max(bestMultimodal, row.ndcg10());
            }
            r.protocol("vbpr", Map.of("content_factors", contentFactors, "content_regularization",
                    contentRegularization, "content_dimension", contentDimension, "batch", vbprBatch,
                    "content_only_weight", vbprContentOnly, "other", "as bpr"));
            if (bpr != null) {
                r.check("best multimodal variant (VBPR) NDCG@10 > Braid BPR NDCG@10 (" + String.format(
                        java.util.Locale.ROOT, "%.4f", bpr.ndcg10()) + ")", bestMultimodal, bpr.ndcg10(),
                        bestMultimodal > bpr.ndcg10());
            }
        }
        if (want("two-tower")) {
            r.protocol("two-tower", twoTowerConfig().toString());
            r.add(h.run("two-tower (ids only)", twoTower(), ItemFeatures.none(), RecommenderBench::training));
            r.add(h.run("two-tower (fused)", twoTower(), data.fused(), RecommenderBench::training));
        }
        if (want("blend")) {
            r.protocol("blend", BlendFit.defaults().toString() + "; members z-normalised per user; weights on a "
                    + "simplex grid fitted on a held-out share of the training positives, then members refitted");
            BenchRow b = r.add(h.run("blend (bpr + two-tower fused)", blend(List.of("bpr", "two-tower"),
                    List.of(this::bpr, this::twoTower)), data.fused(), RecommenderBench::blendDetails));
            if (bpr != null) {
                r.check("blend (bpr + two-tower) NDCG@10 >= Braid BPR NDCG@10 (" + String.format(
                        java.util.Locale.ROOT, "%.4f", bpr.ndcg10()) + ")", b.ndcg10(), bpr.ndcg10(),
                        b.ndcg10() >= bpr.ndcg10());
            }
        }
        return r;
    }

    /**
     * Microsoft Recommenders' benchmark protocol (examples/06_benchmarks, MovieLens-100k): a per-user stratified
     * split 75/25, every rating is an interaction (train) and every test rating is relevant; top-10 over all items
     * with each user's training items removed; NDCG@10 with binary relevance.
     */
    BenchReport msrec(BenchData data) {
        BenchData.Protocol setup = data.split(Splitter.stratified(0.75, seed), false);
        Catalog c = setup.catalog();
        Split split = setup.split();
        InteractionMatrix train = setup.train();
        BenchReport r = setup.report("msrec", "");
        r.protocol("train", "every training rating is an interaction");
        r.protocol("relevant", "every test rating (no threshold)");
        r.protocol("candidates", "all items minus each user's training items (remove_seen); full ranking");
        r.protocol("metric", "NDCG@10 with binary relevance, averaged over test users");
        r.protocol("bpr", bprProtocol());
        r.reference("source", "Microsoft Recommenders, examples/06_benchmarks/movielens.ipynb, MovieLens-100k: "
                + "BPR (Cornac) nDCG@10 0.44");
        r.reference("msrec_bpr_ndcg@10", 0.44);
        Harness h = new Harness(c, train, split.test(), null, List.of(10, 20), seed);
        r.add(h.run("popularity", new PopularityGenerator(PopularityConfig.defaults()), ItemFeatures.none(),
                g -> Map.of()));
        BenchRow bpr = r.add(h.run("bpr", bpr(), ItemFeatures.none(), RecommenderBench::training));
        r.check("Braid BPR NDCG@10 >= 0.44 (Microsoft Recommenders' BPR)", bpr.ndcg10(), 0.44, bpr.ndcg10() >= 0.44);
        return r;
    }

    /**
     * Cold-start items: 20% of the items (drawn with the seed) are held out entirely; positives are ratings >= 4;
     * models fit on the positives of the other items; candidates are the cold items only, minus nothing (no user
     * has a cold item in training); relevant items are each user's cold positives.
     */
    BenchReport cold(BenchData data) {
        BenchData.Protocol setup = data.split(Splitter.coldItems(0.2, seed), true);
        Catalog c = setup.catalog();
        Split split = setup.split();
        InteractionMatrix train = setup.train();
        Set<String> cold = split.testItems();
        BenchReport r = setup.report("cold", " + ml-100k-mm (plots, posters)");
        r.protocol("train", "positives of the non-cold items");
        r.protocol("relevant", "each user's positives among the cold items");
        r.protocol("candidates", "the " + cold.size() + " cold items only (never seen in training); full ranking");
        r.protocol("metric", "NDCG@10 with binary relevance, averaged over users with a cold positive");
        r.protocol("features", "text: TF-IDF (4096 hash buckets) of the plot; image: colour histogram of the "
                + "poster; fused: concat of both");
        Harness h = new Harness(c, train, split.test(), cold, List.of(10, 20), seed);
        BenchRow pop = r.add(h.run("popularity", new PopularityGenerator(PopularityConfig.defaults()),
                ItemFeatures.none(), g -> Map.of()));
        r.protocol("baseline", "popularity scores every cold item 0; the evaluator breaks ties at random (a hash of "
                + "seed, user and item), so it measures at chance");
        ReferenceBackend backend = new ReferenceBackend();
        double bestFused = Double.NEGATIVE_INFINITY;
        double best = Double.NEGATIVE_INFINITY;
        for (var v : List.of(Map.entry("text", data.text()), Map.entry("image", data.image()),
                Map.entry("fused", data.fused()))) {
            double top = Double.NEGATIVE_INFINITY;
            if (want("content")) {
                BenchRow a = r.add(h.run("content-profile (" + v.getKey() + ")",
                        new ContentProfileGenerator(ContentProfileConfig.defaults(), backend), v.getValue(),
                        g -> Map.of()));
                BenchRow b = r.add(h.run("item-knn (" + v.getKey() + ")",
                        new ItemKnnGenerator(ItemKnnConfig.defaults(), backend), v.getValue(), g -> Map.of()));
                top = Math.max(a.ndcg10(), b.ndcg10());
            }
            if (want("vbpr")) {
                top = Math.max(top, r.add(h.run("vbpr (" + v.getKey() + ")", vbpr(), v.getValue(),
                        RecommenderBench::training)).ndcg10());
            }
            if (want("two-tower")) {
                r.protocol("two-tower", twoTowerConfig().toString());
                top = Math.max(top, r.add(h.run("two-tower (" + v.getKey() + ")", twoTower(), v.getValue(),
                        RecommenderBench::training)).ndcg10());
            }
            if (want("blend") && v.getKey().equals("fused")) {
                r.protocol("blend", BlendFit.defaults().toString() + "; weights fitted on held-out positives of "
                        + "warm items (the only ones in training)");
                top = Math.max(top, r.add(h.run("blend (content-profile + two-tower, fused)", blend(
                        List.of("content-profile", "two-tower"), List.of(
                                () -> new ContentProfileGenerator(ContentProfileConfig.defaults(), backend),
                                this::twoTower)), v.getValue(), RecommenderBench::blendDetails)).ndcg10());
            }
            best = Math.max(best, top);
            if (v.getKey().equals("fused")) {
                bestFused = top;
            }
        }
        double bar = 2 * pop.ndcg10();
        String p = String.format(java.util.Locale.ROOT, "%.4f", pop.ndcg10());
        r.check("best fused content generator NDCG@10 > 2 x popularity (" + p + ")", bestFused,
                bar, bestFused > bar);
        r.check("best content generator (any modality) NDCG@10 > 2 x popularity (" + p + ")",
                best, bar, best > bar);
        return r;
    }
}
