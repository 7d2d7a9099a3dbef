package dev.braid.runtime.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.braid.api.component.Environment;
import dev.braid.api.component.ProgressListener;
import dev.braid.api.data.Catalog;
import dev.braid.api.data.Interaction;
import dev.braid.api.data.InteractionMatrix;
import dev.braid.api.data.Item;
import dev.braid.api.generator.Query;
import dev.braid.api.generator.ScoredItem;
import dev.braid.api.compute.ReferenceBackend;
import dev.braid.runtime.cache.VectorCache;
import dev.braid.runtime.config.BraidConfig;
import dev.braid.runtime.config.ConfigException;
import dev.braid.runtime.inject.ComponentBuildException;
import dev.braid.runtime.inject.ComponentFactory;
import dev.braid.runtime.inject.RefCountedResources;
import dev.braid.runtime.plugin.ComponentRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.io.TempDir;

class GenerationTest {
    @TempDir
    Path dir;

    private ComponentRegistry registry;
    private GenerationBuilder builder;
    private PipelineData data;

    @BeforeEach
    void setUp() {
        registry = TestComponents.registry(TestComponents.Letters.class, TestComponents.Identity.class,
                TestComponents.ByFeature.class, TestComponents.Broken.class, TestComponents.Swap.class,
                TestComponents.Hang.class);
        builder = TestComponents.builder(dir);
        Catalog catalog = new Catalog(List.of(Item.ofText("x", "banana"), Item.ofText("y", "kiwi"),
                Item.ofText("z", "a"), Item.ofText("e", "")));
        data = new PipelineData("t", catalog, InteractionMatrix.of(catalog, List.of(Interaction.implicit("u", "y"))),
                "fp", 1);
    }

    /** Generation {@code number} of a pipeline: text by letters, identity fusion, then the generator chain. */
    private Generation lettersGeneration(int number, String generators) throws Exception {
        return builder.build(number, resolve("""
                encoders: {text: letters}
                fusion: identity
                generators: %s
                """.formatted(generators)), data, ProgressListener.NONE);
    }

    private ResolvedPipeline resolve(String yaml) throws Exception {
        BraidConfig c = BraidConfig.parse(dev.braid.runtime.config.ParamBinder.mapper().readTree(
                "dataset: {type: demo}\n" + yaml), null, dir);
        return new PipelineResolver(registry).resolve(c.variants().get(0), "test");
    }

    @Test
    void buildsScoresAndReportsPerItemFailures() throws Exception {
        Generation g = lettersGeneration(1, "[{name: by-feature, column: 1}]");
        List<ScoredItem> top = g.recommend(Query.forUser("u"), 10);
        // "banana" has 3 a's, "a" one, "kiwi" none; the empty text failed and is never recommended.
        assertThat(top).extracting(ScoredItem::itemId).containsExactly("x", "z", "y");
        assertThat(g.failures()).singleElement().satisfies(f -> {
            assertThat(f.itemId()).isEqualTo("e");
            assertThat(f.message()).isEqualTo("empty text");
        });
        assertThat(g.recommend(new Query("u", null, java.util.Set.of("x"), null), 1))
                .extracting(ScoredItem::itemId).containsExactly("z");
        // Score buffers are reused across requests: the exclusion above must not leak into the next one.
        assertThat(g.recommend(Query.forUser("u"), 1)).extracting(ScoredItem::itemId).containsExactly("x");
    }

    @Test
    void listLevelStepsSeeMoreCandidatesReorderThemAndExplainThemselves() throws Exception {
        Generation g = lettersGeneration(1, "[{name: by-feature, column: 1}, swap]");
        // Scores rank x, z, y; swap asks for k + 1 candidates and reverses them.
        List<ScoredItem> one = g.recommend(Query.forUser("u"), 1);
        assertThat(one).extracting(ScoredItem::itemId).containsExactly("z");
        assertThat(one.get(0).reasons()).containsExactly("swap:swapped");
        assertThat(g.recommend(Query.forUser("u"), 2)).extracting(ScoredItem::itemId).containsExactly("y", "z");
    }

    @Test
    void recommendAmongRanksOnlyTheGivenItemsThroughTheRerankersAndCountersAreReported() throws Exception {
        Generation g = lettersGeneration(1, "[{name: by-feature, column: 1}, swap]");
        Catalog c = data.catalog();
        // Among x and y only (z scores above y but is not a candidate): the chain ranks x, y; swap reverses.
        List<ScoredItem> two = g.recommendAmong(Query.forUser("u"), new int[] {c.indexOf("y"), c.indexOf("x")}, 2);
        assertThat(two).extracting(ScoredItem::itemId).containsExactly("y", "x");
        assertThat(g.measurements()).containsEntry("swap", java.util.Map.of("swap_calls_total", 1.0));
        // The unrestricted path is unaffected by the mask (score buffers are reused).
        assertThat(g.recommend(Query.forUser("u"), 3)).extracting(ScoredItem::itemId).containsExactly("y", "z", "x");
    }

    @Test
    void theSampledProtocolRanksTheHeldOutItemAmongSampledUnseenItems() throws Exception {
        Generation g = lettersGeneration(1, "[{name: by-feature, column: 1}]");
        // u trained on y; held out x (the best-scored item): among x, z and e (e failed to encode: filtered), x is
        // first, so NDCG@1 = recall@1 = 1. Two candidates: x plus one of the unseen {z, e}.
        java.util.Map<String, Double> m = dev.braid.runtime.pipeline.SampledRanking.evaluate(g, data.catalog(),
                data.train(), List.of(Interaction.implicit("u", "x")), 2, List.of(1, 2, 5), 7, ProgressListener.NONE);
        assertThat(m).containsEntry("llmrank_ndcg@1", 1.0).containsEntry("llmrank_recall@1", 1.0)
                .containsEntry("llmrank_users", 1.0).doesNotContainKey("llmrank_ndcg@2");
        // Held out z (a's: 1) while x (3 a's) is unseen: with all three unseen items x outranks z.
        java.util.Map<String, Double> z = dev.braid.runtime.pipeline.SampledRanking.evaluate(g, data.catalog(),
                data.train(), List.of(Interaction.implicit("u", "z")), 3, List.of(1, 2), 7, ProgressListener.NONE);
        assertThat(z).containsEntry("llmrank_recall@1", 0.0).containsEntry("llmrank_recall@2", 1.0);
        assertThat(z.get("llmrank_ndcg@2")).isCloseTo(1 / (Math.log(3) / Math.log(2)), org.assertj.core.data.Offset
                .offset(1e-9));
    }

    @Test
    void reusesUnchangedComponentsAndClosesTheRestWhenTheOldGenerationDrains() throws Exception {
        int created = TestComponents.ENCODERS_CREATED.get();
        int closed = TestComponents.ENCODERS_CLOSED.get();
        Generation g1 = lettersGeneration(1, "[{name: by-feature, column: 1}]");
        Generation g2 = lettersGeneration(2, "[{name: by-feature, column: 0}]");
        assertThat(g2.reused()).containsEntry("encoders.text", true).containsEntry("fusion", true)
                .containsEntry("generators[0]", false);
        assertThat(TestComponents.ENCODERS_CREATED.get() - created).isEqualTo(1);
        assertThat(g2.recommend(Query.forUser("u"), 1)).extracting(ScoredItem::itemId).containsExactly("x");

        // A call in flight on g1 keeps it open after it is retired; it closes when the call ends.
        assertThat(g1.tryAcquire()).isTrue();
        g1.retire();
        assertThat(g1.isClosed()).isFalse();
        assertThat(g1.tryAcquire()).as("a retired generation takes no new calls").isFalse();
        g1.release();
        g1.closedFuture().get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(TestComponents.ENCODERS_CLOSED.get() - closed).as("the shared encoder stays open").isZero();
        g2.retire();
        g2.closedFuture().get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(TestComponents.ENCODERS_CLOSED.get() - closed).isEqualTo(1);
    }

    @Test
    void aSecondBuildReadsVectorsFromTheCache() throws Exception {
        String yaml = "encoders: {text: {name: letters, letter: n}}\nfusion: identity\ngenerators: [by-feature]\n";
        Generation g1 = builder.build(1, resolve(yaml), data, ProgressListener.NONE);
        g1.retire();
        g1.closedFuture().get(30, java.util.concurrent.TimeUnit.SECONDS); // its encoder closed: g2 builds anew
        int before = TestComponents.ITEMS_ENCODED.get();
        Generation g2 = builder.build(2, resolve(yaml), data, ProgressListener.NONE);
        assertThat(g2.cacheHits()).isEqualTo(3);
        // only the item whose encoding failed is tried again
        assertThat(TestComponents.ITEMS_ENCODED.get() - before).isEqualTo(1);
    }

    @Test
    void aComponentThatThrowsIsNamedWithItsPathAndCause() throws Exception {
        ResolvedPipeline p = resolve("generators: [broken]\n");
        assertThatThrownBy(() -> builder.build(1, p, data, ProgressListener.NONE))
                .isInstanceOf(ComponentBuildException.class)
                .hasMessageContaining("'broken'", "generators[0]", "cannot open broken.model");
        assertThat(builder.pool().size()).isZero();
    }

    @Test
    void anEncoderReturningTheWrongDimensionFailsTheBuildByName() throws Exception {
        ResolvedPipeline p = resolve("""
                encoders: {text: {name: letters, dimension: 3}}
                fusion: identity
                generators: [by-feature]
                """);
        assertThatThrownBy(() -> builder.build(1, p, data, ProgressListener.NONE))
                .isInstanceOf(ComponentBuildException.class)
                .hasMessageContaining("'letters'", "encoders.text", "dimension 2", "declares dimension 3");
    }

    @Test
    void unknownComponentsListWhatIsAvailable() {
        assertThatThrownBy(() -> resolve("encoders: {text: bert}\nfusion: identity\ngenerators: [by-feature]\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("encoders.text.name: unknown encoder 'bert'; available: letters");
    }

    @Test
    void degradedGenerationServesWithoutTheDroppedModalityAndLeavesTheFullOneIntact() throws Exception {
        Generation full = lettersGeneration(1, "[{name: by-feature, column: 1}]");
        Generation degraded = builder.buildDegraded(2, full, java.util.Set.of(dev.braid.api.data.Modality.TEXT), data,
                ProgressListener.NONE);

        assertThat(degraded.features().modalities().get(dev.braid.api.data.Modality.TEXT).presentCount()).isZero();
        assertThat(degraded.features().fused().orElseThrow().presentCount()).isZero();
        assertThat(degraded.recommend(Query.forUser("u"), 10)).isEmpty();
        assertThat(degraded.fusion()).isSameAs(full.fusion());
        assertThat(full.recommend(Query.forUser("u"), 10)).extracting(ScoredItem::itemId).containsExactly("x", "z",
                "y");
        degraded.retire();
        degraded.closedFuture().get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(full.recommend(Query.forUser("u"), 1)).extracting(ScoredItem::itemId).containsExactly("x");
        full.retire();
    }

    @Test
    void aBlendStageResolvesItsMembersAtTheirPathsAndBuildsThem() throws Exception {
        Generation g = builder.build(1, resolve("""
                encoders: {text: letters}
                fusion: identity
                generators: [{blend: [{name: by-feature, column: 1}, {name: by-feature, column: 0}],
                              fit: {metric: recall, k: 2}}]
                """), data, ProgressListener.NONE);
        assertThat(g.recommend(Query.forUser("u"), 3)).hasSize(3);
        assertThat(g.describeComponents()).anyMatch(d -> d.startsWith("generators[0] -> 'blend'"));
        assertThatThrownBy(() -> resolve("""
                encoders: {text: letters}
                fusion: identity
                generators: [{blend: [by-feature, {name: nope}, {name: by-feature, column: x}]}]
                """)).isInstanceOf(ConfigException.class).satisfies(e -> assertThat(((ConfigException) e).problems())
                .extracting(dev.braid.runtime.config.ConfigProblem::path).containsExactlyInAnyOrder(
                        "generators[0].blend[1].name", "generators[0].blend[2].column"));
        assertThatThrownBy(() -> resolve("""
                generators: [{blend: [by-feature, by-feature], fit: {k: 0}, weights: [1]}]
                """)).isInstanceOf(ConfigException.class).satisfies(e -> assertThat(((ConfigException) e).problems())
                .extracting(dev.braid.runtime.config.ConfigProblem::path).containsExactlyInAnyOrder(
                        "generators[0].weights", "generators[0].fit.k"));
        assertThatThrownBy(() -> resolve("""
                generators: [{blend: [by-feature]}]
                """)).isInstanceOf(ConfigException.class).hasMessageContaining("generators[0].blend")
                .hasMessageContaining("at least two");
    }

    @Test
    void aRetiredGenerationClosesOnTheDeconstructorThreadNotOnTheRequestThreadThatReleasesLast() throws Exception {
        Generation g = builder.build(1, resolve("""
                encoders: {text: {name: letters, letter: q}}
                fusion: identity
                generators: [by-feature]
                """), data, ProgressListener.NONE);
        assertThat(g.tryAcquire()).isTrue();
        g.retire();
        TestComponents.closeGate = new CountDownLatch(1);
        TestComponents.CLOSING_THREADS.clear();
        try {
            // The request thread releases last; its release returns while the encoder's close is still blocked.
            Thread request = new Thread(g::release, "request-1");
            request.start();
            request.join(TimeUnit.MINUTES.toMillis(1));
            assertThat(request.isAlive()).as("the request thread must not wait for plugins to close").isFalse();
        } finally {
            TestComponents.closeGate.countDown();
        }
        g.closedFuture().get(1, TimeUnit.MINUTES);
        assertThat(TestComponents.CLOSING_THREADS).hasSize(1).noneMatch(t -> t.equals("request-1"))
                .allMatch(t -> t.startsWith("braid-"));
    }

    @Test
    void aThousandConcurrentCallsIntoAHangingGeneratorHoldABoundedNumberOfThreads(TestReporter report)
            throws Exception {
        GuardLimits limits = new GuardLimits(16, 64);
        CallGuard guard = new CallGuard(new Timeouts(Duration.ofMinutes(1), Duration.ofMillis(500), Duration.ZERO),
                limits);
        GenerationBuilder bounded = new GenerationBuilder(new ComponentFactory(new ReferenceBackend(),
                new RefCountedResources(), new Environment(dir, dir, 1)), new ComponentPool(),
                new VectorCache(dir.resolve("vectors")), new ReferenceBackend(), 2, guard);
        Generation g = bounded.build(1, resolve("generators: [hang]\n"), data, ProgressListener.NONE);
        int calls = 1000;
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        int before = mx.getThreadCount();
        mx.resetPeakThreadCount();
        TestComponents.hangGate = new CountDownLatch(1);
        CountDownLatch start = new CountDownLatch(1);
        java.util.concurrent.ConcurrentLinkedQueue<String> errors = new java.util.concurrent.ConcurrentLinkedQueue<>();
        List<Thread> callers = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < calls; i++) {
                Thread t = new Thread(() -> {
                    try {
                        start.await();
                        g.recommend(Query.forUser("u"), 1);
                        errors.add("returned");
                    } catch (ComponentCallException e) {
                        errors.add(e.getMessage());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "caller-" + i);
                t.setDaemon(true);
                t.start();
                callers.add(t);
            }
            start.countDown();
            for (Thread t : callers) {
                t.join(TimeUnit.MINUTES.toMillis(2));
            }
        } finally {
            TestComponents.hangGate.countDown();
        }
        int peakJvm = mx.getPeakThreadCount();
        int peakGuard = guard.peakCallThreads();
        String figures = calls + " concurrent calls into a hanging generator: guard call threads peak " + peakGuard
                + " (bound " + limits.threads() + "), JVM threads " + before + " before, peak " + peakJvm + " with "
                + calls + " caller threads";
        report.publishEntry("threads", figures);
        System.err.println(figures);
        // A call that ran names the generator it hung in; one that never started (queued, refused) names the
        // chain, not an innocent first generator.
        String hung = "generator 'hang' (generator) from the host class path at generators[0] (score) ";
        String chain = "the generator chain [hang] (score, not started) ";
        assertThat(errors).hasSize(calls).allMatch(m -> m.startsWith(hung) || m.startsWith(chain));
        // Every thread holds a hung call, so exactly threads + queue calls are admitted (and time out); the queued
        // ones never start. The rest are refused at once.
        assertThat(errors.stream().filter(m -> m.contains("did not return within 500 ms")).count())
                .isEqualTo(limits.threads() + limits.queue());
        assertThat(errors.stream().filter(m -> m.startsWith(hung)).count()).isLessThanOrEqualTo(limits.threads());
        assertThat(errors.stream().filter(m -> m.startsWith(chain) && m.contains("did not return")).count())
                .isGreaterThanOrEqualTo(limits.queue());
        assertThat(errors.stream().filter(m -> m.startsWith(chain)
                && m.contains("was refused: all 16 guard threads are busy")).count())
                .isEqualTo(calls - limits.threads() - limits.queue());
        assertThat(guard.abandoned()).isEqualTo(limits.threads() + limits.queue());
        assertThat(peakGuard).isLessThanOrEqualTo(limits.threads());
        assertThat(peakJvm).isLessThanOrEqualTo(before + calls + limits.threads() + 16);
        g.retire();
        g.closedFuture().get(1, TimeUnit.MINUTES);
        guard.close();
    }
}
