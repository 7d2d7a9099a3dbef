package dev.braid.runtime.pipeline;

import dev.braid.api.component.ProgressListener;
import dev.braid.api.data.FeatureMatrix;
import dev.braid.api.data.Interaction;
import dev.braid.api.data.InteractionMatrix;
import dev.braid.api.data.Modality;
import dev.braid.api.generator.Query;
import dev.braid.datasets.Dataset;
import dev.braid.evaluation.EvaluationResult;
import dev.braid.evaluation.Evaluator;
import dev.braid.evaluation.UserMetrics;
import dev.braid.evaluation.stats.Comparisons;
import dev.braid.evaluation.report.Protocol;
import dev.braid.evaluation.report.VariantResult;
import dev.braid.evaluation.split.RatingFilter;
import dev.braid.evaluation.split.Split;
import dev.braid.evaluation.split.Splitter;
import dev.braid.runtime.BraidRuntime;
import dev.braid.runtime.config.BraidConfig;
import dev.braid.runtime.config.ConfigException;
import dev.braid.runtime.config.ConfigProblem;
import dev.braid.runtime.config.ParamBinder;
import dev.braid.runtime.config.PipelineSpec;
import dev.braid.runtime.generation.Generation;
import dev.braid.runtime.generation.PipelineData;
import dev.braid.runtime.generation.PipelineResolver;
import dev.braid.runtime.generation.ResolvedPipeline;
import dev.braid.runtime.util.Hashing;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Braid's main job: from a configuration, load the dataset, split it once, then for every variant build its
 * pipeline (encoders, fusion, generators — sharing every unchanged component between variants), evaluate it under
 * the stated protocol, and collect the results. Everything is validated before any work starts.
 */
public final class ExperimentRunner {
    private static final Logger log = LoggerFactory.getLogger(ExperimentRunner.class);
    private static final Set<String> NO_RESERVED = Set.of();

    private final BraidRuntime runtime;
    private final ProgressListener progress;

    public ExperimentRunner(BraidRuntime runtime, ProgressListener progress) {
        this.runtime = runtime;
        this.progress = progress;
    }

    /** The outcome: the protocol every result shares, and one result per variant. */
    public record Report(Protocol protocol, List<VariantResult> results) {
    }

    /** Validates everything a run needs (components, parameters, dataset files, evaluation) without running. */
    public Validated validate(BraidConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        String source = String.valueOf(config.file());
        List<ResolvedPipeline> pipelines = new ArrayList<>();
        PipelineResolver resolver = new PipelineResolver(runtime.registry());
        for (PipelineSpec spec : config.variants()) {
            try {
                pipelines.add(resolver.resolve(spec, source));
            } catch (ConfigException e) {
                problems.addAll(e.problems());
            }
        }
        EvaluationConfig evaluation = null;
        try {
            evaluation = ParamBinder.bind(EvaluationConfig.class, config.evaluation(), "evaluation", NO_RESERVED);
            if (isFiles(evaluation)) {
                problems.addAll(PredefinedSplit.validate(evaluation.split(), config.baseDir()));
            } else {
                splitter(evaluation);
            }
            candidatePolicy(evaluation);
        } catch (ConfigException e) {
            problems.addAll(e.problems());
        }
        try {
            DatasetLoader.validate(config.dataset(), config.baseDir());
        } catch (ConfigException e) {
            problems.addAll(e.problems());
        }
        if (evaluation != null && evaluation.baseline() != null && !evaluation.baseline().isBlank()) {
            List<String> names = config.variants().stream().map(PipelineSpec::name).toList();
            if (!names.contains(evaluation.baseline())) {
                problems.add(new ConfigProblem("evaluation.baseline", "no variant named '" + evaluation.baseline()
                        + "'; variants: " + String.join(", ", names)));
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(source, problems);
        }
        return new Validated(config, pipelines, evaluation);
    }

    /** A configuration whose every part was checked. */
    public record Validated(BraidConfig config, List<ResolvedPipeline> pipelines, EvaluationConfig evaluation) {
    }

    /** Runs every variant and returns the report (written nowhere: the caller chooses the outputs). */
    public Report run(Validated v) {
        BraidConfig config = v.config();
        EvaluationConfig ev = v.evaluation();
        long t0 = System.nanoTime();
        Dataset dataset = DatasetLoader.load(config.dataset(), config.baseDir(), runtime.home().cache(), progress);
        double importSeconds = (System.nanoTime() - t0) / 1e9;
        List<Interaction> positives = RatingFilter.positives(dataset.interactions(), ev.threshold());
        List<Long> seeds = ev.runSeeds();
        List<SeedRun> runs = new ArrayList<>();
        for (long seed : seeds) {
            if (seeds.size() > 1) {
                log.info("Seed {} ({} of {})", seed, runs.size() + 1, seeds.size());
                progress.start("seed " + seed, 0);
            }
            runs.add(runSeed(v, ev.withSeed(seed), dataset, positives, importSeconds));
        }
        String baseline = baseline(v);
        if (runs.size() == 1) {
            SeedRun only = runs.get(0);
            return new Report(only.protocol(), withStatistics(only.results(), only.perUser(), baseline));
        }
        return SeedPooling.pool(runs, seeds, baseline);
    }

    /** The outcome of one seed: its protocol, one result per variant and their per-user values. */
    record SeedRun(Protocol protocol, List<VariantResult> results, List<UserMetrics> perUser) {
    }

    private SeedRun runSeed(Validated v, EvaluationConfig ev, Dataset dataset, List<Interaction> positives,
                            double importSeconds) {
        BraidConfig config = v.config();
        Split split = split(ev, dataset, positives, config.baseDir());
        InteractionMatrix train = InteractionMatrix.of(dataset.catalog(), split.train());
        String fingerprint = Hashing.sha256Hex(dataset.fingerprint() + "|" + split.describe() + "|" + ev.threshold());
        PipelineData data = new PipelineData(dataset.name(), dataset.catalog(), train, fingerprint, ev.seed());
        String policy = candidatePolicy(ev);
        Set<String> candidates = candidates(split, policy);
        Evaluator evaluator = new Evaluator(ev.seed());
        Protocol protocol = new Protocol(dataset.name() + " (" + dataset.catalog().size() + " items, "
                + dataset.interactions().size() + " interactions, " + positives.size() + " positives)",
                split.describe(), ev.seed(), ev.threshold(), ev.k(),
                describeCandidates(policy, candidates),
                ev.metrics(), evaluator.tiePolicy(), baseline(v));
        List<VariantResult> results = new ArrayList<>();
        List<UserMetrics> perUser = new ArrayList<>();
        List<Generation> generations = new ArrayList<>();
        try (PipelineServices services = new PipelineServices(runtime, config.backend(), config.baseDir(),
                ev.seed())) {
            int number = 0;
            for (ResolvedPipeline p : v.pipelines()) {
                log.info("Variant {}: building", p.name());
                progress.start("variant " + p.name(), 0); // a header line; the steps report their own progress
                long b0 = System.nanoTime();
                Generation g = services.builder().build(++number, p, data, progress);
                generations.add(g);
                double buildSeconds = (System.nanoTime() - b0) / 1e9;
                long e0 = System.nanoTime();
                EvaluationResult r = evaluator.evaluate(dataset.catalog(), train, split.test(), candidates, ev.k(),
                        (user, scores) -> g.score(Query.forUser(user), scores), progress);
                double evalSeconds = (System.nanoTime() - e0) / 1e9;
                Map<String, Double> timings = new LinkedHashMap<>();
                timings.put("import", importSeconds);
                timings.putAll(g.timings());
                timings.put("build", buildSeconds);
                timings.put("evaluate", evalSeconds);
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("components", g.describeComponents());
                details.put("reused", g.reused());
                details.put("vectors_from_cache", g.cacheHits());
                details.put("encoding_failures", g.failures().size());
                g.described().ifPresent(d -> {
                    details.put("items_described", d.described().size());
                    details.put("descriptions_from_cache", d.fromCache());
                    details.put("description_failures", d.failures().size());
                });
                if (g.fusion() != null && !g.fusion().modalityWeights().isEmpty()) {
                    Map<String, Double> weights = new LinkedHashMap<>();
                    g.fusion().modalityWeights().forEach((m, w) -> weights.put(m.key(), w));
                    details.put("modality_weights", weights);
                }
                if (g.fusion() != null && !g.fusion().fitSummary().isBlank()) {
                    details.put("fit_summary", g.fusion().fitSummary());
                }
                if (!g.generatorSummaries().isEmpty()) {
                    details.put("generator_summaries", g.generatorSummaries());
                }
                Generation served = g;
                Map<String, Double> metrics = r.metrics();
                if (!p.dropAtTest().isEmpty()) {
                    // fitted with every modality, evaluated with some removed from every item
                    long d0 = System.nanoTime();
                    Generation degraded = services.builder().buildDegraded(++number, g, p.dropAtTest(), data,
                            progress);
                    generations.add(degraded);
                    timings.put("degrade", (System.nanoTime() - d0) / 1e9);
                    long de0 = System.nanoTime();
                    EvaluationResult rd = evaluator.evaluate(dataset.catalog(), train, split.test(), candidates,
                            ev.k(), (user, scores) -> degraded.score(Query.forUser(user), scores), progress);
                    timings.put("evaluate_degraded", (System.nanoTime() - de0) / 1e9);
                    details.put("drop_at_test", p.dropAtTest().stream().map(Modality::key).sorted().toList());
                    details.put("metrics_with_all_modalities", r.metrics());
                    details.put("degradation", degradation(r.metrics(), rd.metrics()));
                    served = degraded;
                    metrics = rd.metrics();
                    r = rd;
                }
                Map<String, Double> coverage = new LinkedHashMap<>();
                for (Map.Entry<Modality, FeatureMatrix> e : served.features().modalities().entrySet()) {
                    coverage.put(e.getKey().key(), e.getValue().presentCount() / (double) dataset.catalog().size());
                }
                served.features().fused().ifPresent(f -> coverage.put("fused", f.presentCount()
                        / (double) dataset.catalog().size()));
                details.put("users_evaluated", r.users());
                details.put("random_expected", r.randomExpected());
                if (!r.segments().isEmpty()) {
                    details.put("segments", r.segments());
                }
                if (ev.sampledCandidates() > 0) {
                    // LLMRank protocol (reranker stages included); its metrics join the others, prefixed llmrank_
                    long s0 = System.nanoTime();
                    metrics = new LinkedHashMap<>(metrics);
                    metrics.putAll(SampledRanking.evaluate(served, dataset.catalog(), train, split.test(),
                            ev.sampledCandidates(), ev.k(), ev.seed(), progress));
                    timings.put("evaluate_sampled", (System.nanoTime() - s0) / 1e9);
                }
                if (!served.measurements().isEmpty()) {
                    details.put("component_counters", served.measurements());
                }
                results.add(new VariantResult(p.name(), metrics, timings, coverage, details));
                perUser.add(r.perUser());
                log.info("Variant {}: {}", p.name(), metrics);
            }
        } finally {
            generations.forEach(Generation::retire);
        }
        return new SeedRun(protocol, results, perUser);
    }

    /** The baseline variant: {@code evaluation.baseline}, or the first variant. */
    private static String baseline(Validated v) {
        String named = v.evaluation().baseline();
        return named != null && !named.isBlank() ? named : v.pipelines().get(0).name();
    }

    /** Every result with its intervals and its paired comparison with the baseline's per-user values. */
    static List<VariantResult> withStatistics(List<VariantResult> results, List<UserMetrics> perUser,
                                              String baseline) {
        int b = -1;
        for (int i = 0; i < results.size() && b < 0; i++) {
            b = results.get(i).variant().equals(baseline) ? i : -1;
        }
        List<VariantResult> out = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            UserMetrics against = b < 0 || i == b ? null : perUser.get(b);
            out.add(results.get(i).withStatistics(Comparisons.of(perUser.get(i), against)));
        }
        return out;
    }

    /**
     * For each metric, the relative change from {@code full} to {@code degraded} ({@code (degraded - full) / full};
     * negative when the degraded pipeline is worse), or null when the full value is 0.
     */
    static Map<String, Double> degradation(Map<String, Double> full, Map<String, Double> degraded) {
        Map<String, Double> out = new LinkedHashMap<>();
        full.forEach((k, f) -> {
            Double d = degraded.get(k);
            out.put(k, d == null || f == null || f == 0 ? null : (d - f) / f);
        });
        return out;
    }

    /**
     * The items that the evaluation's split leaves on the test side only (never in a training interaction): with
     * a {@code cold-items} split, the cold items. A model trained offline for a cold-start evaluation must not
     * learn from their content ({@code braid train-encoder --exclude-test-items}).
     */
    public static Set<String> testOnlyItems(Dataset dataset, EvaluationConfig ev, Path baseDir) {
        return testOnly(split(ev, dataset, RatingFilter.positives(dataset.interactions(), ev.threshold()), baseDir));
    }

    /** The split the evaluation asks for: computed from the positives, or read from files. */
    static Split split(EvaluationConfig ev, Dataset dataset, List<Interaction> positives, Path baseDir) {
        if (isFiles(ev)) {
            return PredefinedSplit.load(ev.split(), baseDir, dataset.catalog(), ev.threshold()).split();
        }
        return splitter(ev).split(positives);
    }

    private static boolean isFiles(EvaluationConfig ev) {
        return ev.split() != null && ev.split().type() != null
                && "files".equals(ev.split().type().toLowerCase(Locale.ROOT));
    }

    /** {@code evaluation.candidates}, or its default: cold-items for a cold-items split, else all. */
    static String candidatePolicy(EvaluationConfig ev) {
        String c = ev.candidates() == null ? "" : ev.candidates().trim().toLowerCase(Locale.ROOT);
        if (c.isEmpty()) {
            boolean cold = ev.split() != null && ev.split().type() != null
                    && "cold-items".equals(ev.split().type().toLowerCase(Locale.ROOT));
            return cold ? "cold-items" : "all";
        }
        if (!Set.of("all", "test-items", "cold-items").contains(c)) {
            throw new ConfigException("", "evaluation.candidates", "unknown candidate policy '" + ev.candidates()
                    + "'; expected all, test-items or cold-items");
        }
        return c;
    }

    /** The candidate items under a policy, or null for the whole catalog. */
    private static Set<String> candidates(Split split, String policy) {
        return switch (policy) {
            case "test-items" -> new HashSet<>(split.testItems());
            case "cold-items" -> testOnly(split);
            default -> null;
        };
    }

    private static String describeCandidates(String policy, Set<String> candidates) {
        return switch (policy) {
            case "test-items" -> "items of the test interactions only, " + candidates.size() + " items";
            case "cold-items" -> "cold items only (never seen in training), " + candidates.size() + " items";
            default -> "all catalog items except each user's training items";
        };
    }

    private static Set<String> testOnly(Split split) {
        Set<String> seen = new HashSet<>();
        split.train().forEach(x -> seen.add(x.item()));
        Set<String> cold = new HashSet<>();
        split.test().forEach(x -> {
            if (!seen.contains(x.item())) {
                cold.add(x.item());
            }
        });
        return cold;
    }

    static Splitter splitter(EvaluationConfig ev) {
        EvaluationConfig.SplitConfig s = ev.split();
        String type = s == null || s.type() == null ? "random" : s.type().toLowerCase(Locale.ROOT);
        double ratio = s == null || s.ratio() == null ? 0.8 : s.ratio();
        if (ratio <= 0 || ratio >= 1) {
            throw new ConfigException("", "evaluation.split.ratio", "must be between 0 and 1 (exclusive), got "
                    + ratio);
        }
        return switch (type) {
            case "random" -> Splitter.random(ratio, ev.seed());
            case "stratified" -> Splitter.stratified(ratio, ev.seed());
            case "leave-last-out" -> Splitter.leaveLastOut();
            case "time" -> Splitter.timeQuantile(s.quantile() == null ? 0.8 : s.quantile());
            case "cold-items" -> Splitter.coldItems(s.share() == null ? 0.2 : s.share(), ev.seed());
            default -> throw new ConfigException("", "evaluation.split.type", "unknown split '" + type
                    + "'; expected random, stratified, leave-last-out, time, cold-items or files");
        };
    }
}
