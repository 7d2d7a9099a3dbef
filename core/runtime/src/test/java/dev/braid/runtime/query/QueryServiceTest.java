package dev.braid.runtime.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.braid.api.component.BraidComponent;
import dev.braid.api.component.Environment;
import dev.braid.api.component.NoConfig;
import dev.braid.api.component.ProgressListener;
import dev.braid.api.data.Catalog;
import dev.braid.api.data.Interaction;
import dev.braid.api.data.InteractionMatrix;
import dev.braid.api.data.Item;
import dev.braid.api.data.ItemContent;
import dev.braid.api.data.Media;
import dev.braid.api.data.Modality;
import dev.braid.api.encoder.EncodingResult;
import dev.braid.api.encoder.ModalityEncoder;
import dev.braid.api.generator.Generator;
import dev.braid.api.generator.Query;
import dev.braid.api.generator.ScoredItem;
import dev.braid.api.generator.TrainingData;
import dev.braid.api.compute.ReferenceBackend;
import dev.braid.runtime.config.BraidConfig;
import dev.braid.runtime.config.ParamBinder;
import dev.braid.runtime.generation.ComponentPool;
import dev.braid.runtime.generation.Generation;
import dev.braid.runtime.generation.GenerationBuilder;
import dev.braid.runtime.generation.PipelineData;
import dev.braid.runtime.generation.PipelineResolver;
import dev.braid.runtime.inject.ComponentFactory;
import dev.braid.runtime.inject.RefCountedResources;
import dev.braid.runtime.cache.VectorCache;
import dev.braid.runtime.plugin.ComponentDescriptor;
import dev.braid.runtime.plugin.ComponentRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The query service on a real generation (built by the engine from small components of this test): items a..f,
 * u1 saw a and b, u2 a and c, u3 a; so a was seen by 3 users, b and c by 1, d, e and f by none.
 */
class QueryServiceTest {
    @TempDir
    Path dir;

    private Generation g;

    /** Text to [count of 'a', count of 'o']; the text "unreadable" fails. */
    @BraidComponent(name = "vowels", modality = Modality.TEXT)
    public static final class Vowels implements ModalityEncoder {
        public Vowels(NoConfig config) {
        }

        @Override
        public Modality modality() {
            return Modality.TEXT;
        }

        @Override
        public int dimension() {
            return 2;
        }

        @Override
        public List<EncodingResult> encode(List<Item> items) {
            List<EncodingResult> out = new ArrayList<>();
            for (Item i : items) {
                String t = i.content().text();
                out.add("unreadable".equals(t) ? EncodingResult.failure(i.id(), EncodingResult.FailureKind.INVALID,
                        "cannot read it") : EncodingResult.success(i.id(), new float[] {
                                t.chars().filter(c -> c == 'a').count(), t.chars().filter(c -> c == 'o').count()}));
            }
            return out;
        }
    }

    /**
     * A known user: each item's popularity, plus 100 for the items the user saw. A query vector: its first number
     * for items at even catalog positions, its second for odd ones. Neither: 0. The request parameter
     * {@code drop=ID} filters an item out.
     */
    @BraidComponent(name = "likes")
    public static final class Likes implements Generator {
        private InteractionMatrix train;
        private Catalog catalog;

        public Likes(NoConfig config) {
        }

        @Override
        public void fit(TrainingData data, ProgressListener progress) {
            train = data.interactions();
            catalog = data.catalog();
        }

        @Override
        public void score(Query query, float[] scores) {
            int u = query.user() == null ? -1 : train.userIndex(query.user());
            int[] degree = train.itemDegrees();
            for (int i = 0; i < scores.length; i++) {
                if (query.vector() != null) {
                    scores[i] = query.vector()[i % 2];
                } else if (u >= 0) {
                    scores[i] = degree[i] + (train.contains(u, i) ? 100 : 0);
                }
            }
            String drop = query.params().get("drop");
            if (drop != null) {
                scores[catalog.indexOf(drop)] = Float.NEGATIVE_INFINITY;
            }
        }

        @Override
        public List<String> explain(Query query, int item) {
            return List.of("liked");
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        ComponentRegistry registry = new ComponentRegistry();
        registry.setSource("test", List.of(ComponentDescriptor.of(Vowels.class, ComponentDescriptor.Origin.HOST),
                ComponentDescriptor.of(Likes.class, ComponentDescriptor.Origin.HOST)), List.of(), "test");
        ReferenceBackend backend = new ReferenceBackend();
        GenerationBuilder builder = new GenerationBuilder(new ComponentFactory(backend, new RefCountedResources(),
                new Environment(dir, dir, 1)), new ComponentPool(), new VectorCache(dir.resolve("vectors")), backend, 1);
        List<Item> items = new ArrayList<>();
        for (String id : List.of("a", "b", "c", "d", "e", "f")) {
            items.add(Item.ofText(id, "item " + id));
        }
        Catalog catalog = new Catalog(items);
        List<Interaction> seen = List.of(Interaction.implicit("u1", "a"), Interaction.implicit("u1", "b"),
                Interaction.implicit("u2", "a"), Interaction.implicit("u2", "c"), Interaction.implicit("u3", "a"));
        BraidConfig c = BraidConfig.parse(ParamBinder.mapper().readTree("""
                dataset: {type: demo}
                encoders: {text: vowels}
                generators: [likes]
                """), null, dir);
        g = builder.build(1, new PipelineResolver(registry).resolve(c.variants().get(0), "test"),
                new PipelineData("t", catalog, InteractionMatrix.of(catalog, seen), "fp", 1), ProgressListener.NONE);
    }

    private static UserQuery user(String user, int k, boolean excludeHistory, Map<String, String> params) {
        return new UserQuery(user, k, Set.of(), params, excludeHistory);
    }

    private static List<String> ids(Recommendations r) {
        return r.items().stream().map(ScoredItem::itemId).toList();
    }

    @Test
    void aKnownUsersHistoryIsLeftOutUnlessAskedOtherwise() {
        QueryService q = new QueryService(UnknownUserPolicy.POPULARITY);
        assertThat(ids(q.forUser(g, user("u1", 2, false, Map.of())))).containsExactly("a", "b");
        Recommendations r = q.forUser(g, user("u1", 1, true, Map.of()));
        assertThat(ids(r)).containsExactly("c");
        assertThat(r.fallback()).isNull();
        assertThat(r.items().get(0).reasons()).containsExactly("likes:liked");
    }

    @Test
    void anUnknownUserGetsThePopularItemsTheChainLetsThroughAndNothingElse() {
        QueryService q = new QueryService(UnknownUserPolicy.POPULARITY);
        Recommendations r = q.forUser(g, user("zed", 10, true, Map.of()));
        assertThat(ids(r)).as("d, e and f were never seen: not offered").containsExactly("a", "b", "c");
        assertThat(r.items()).extracting(ScoredItem::score).containsExactly(3.0, 1.0, 1.0);
        assertThat(r.items()).allSatisfy(s -> assertThat(s.reasons()).containsExactly("popular: user unknown"));
        assertThat(r.fallback()).isEqualTo("popular: user unknown");
        assertThat(ids(q.forUser(g, user("zed", 10, true, Map.of("drop", "a"))))).containsExactly("b", "c");
        assertThat(ids(q.forUser(g, new UserQuery("zed", 10, Set.of("b"), Map.of(), true)))).containsExactly("a",
                "c");
        assertThat(q.forUser(g, user(null, 1, true, Map.of())).fallback()).isEqualTo("popular: no user");
    }

    @Test
    void theOtherPoliciesAnswerNothingOrRefuse() {
        Recommendations empty = new QueryService(UnknownUserPolicy.EMPTY).forUser(g, user("zed", 5, true, Map.of()));
        assertThat(empty.items()).isEmpty();
        assertThat(empty.fallback()).isEqualTo("empty: user unknown");
        assertThatThrownBy(() -> new QueryService(UnknownUserPolicy.ERROR).forUser(g, user("zed", 5, true, Map.of())))
                .isInstanceOfSatisfying(QueryRefused.class, e -> assertThat(e.kind())
                        .isEqualTo(QueryRefused.Kind.UNKNOWN_USER))
                .hasMessageContaining("'zed' is not in the training data");
    }

    @Test
    void contentIsEncodedAndRankedAndWhatCannotBeReadIsSaid() {
        QueryService q = new QueryService(UnknownUserPolicy.POPULARITY);
        Recommendations byText = q.byExample(g, new ContentQuery(new ItemContent("ooo", null, null),
                user(null, 3, true, Map.of())));
        assertThat(ids(byText)).containsExactlyInAnyOrder("b", "d", "f");
        assertThat(byText.encoded()).containsExactly(Modality.TEXT);
        // With u1, whose history (a, b) is left out.
        assertThat(ids(q.byExample(g, new ContentQuery(new ItemContent("ooo", null, null),
                user("u1", 2, true, Map.of()))))).containsExactlyInAnyOrder("d", "f");

        Media picture = Media.ofBytes("picture", new byte[] {1, 2, 3});
        assertThatThrownBy(() -> q.byExample(g, new ContentQuery(new ItemContent(null, picture, null),
                user(null, 3, true, Map.of())))).isInstanceOfSatisfying(QueryRefused.class,
                        e -> assertThat(e.kind()).isEqualTo(QueryRefused.Kind.UNREADABLE))
                .hasMessage("encodes [text]; nothing it can read was sent (ignored: [image])");
        Recommendations forUser = q.byExample(g, new ContentQuery(new ItemContent(null, picture, null),
                user("u1", 1, true, Map.of())));
        assertThat(ids(forUser)).containsExactly("c");
        assertThat(forUser.ignored()).containsExactly(Modality.IMAGE);
        assertThatThrownBy(() -> q.byExample(g, new ContentQuery(new ItemContent("unreadable", null, null),
                user(null, 3, true, Map.of())))).isInstanceOfSatisfying(QueryRefused.class,
                        e -> assertThat(e.kind()).isEqualTo(QueryRefused.Kind.NOT_ENCODED))
                .hasMessageContaining("text: invalid: cannot read it");
    }

    @Test
    void explainGivesTheChainsScoreOrSaysTheItemIsFilteredOut() {
        QueryService q = new QueryService(UnknownUserPolicy.POPULARITY);
        assertThat(q.explain(g, user("u1", 1, true, Map.of()), "a")).as("in u1's history").isEmpty();
        assertThat(q.explain(g, user("u1", 1, false, Map.of()), "a")).hasValueSatisfying(s -> {
            assertThat(s.score()).isEqualTo(103.0);
            assertThat(s.reasons()).containsExactly("likes:liked");
        });
        assertThat(q.explain(g, user("u2", 1, true, Map.of("drop", "d")), "d")).isEmpty();
        assertThatThrownBy(() -> q.explain(g, user("zed", 1, true, Map.of()), "a"))
                .isInstanceOfSatisfying(QueryRefused.class, e -> assertThat(e.kind())
                        .isEqualTo(QueryRefused.Kind.UNKNOWN_USER));
        assertThatThrownBy(() -> q.explain(g, user("u1", 1, true, Map.of()), "zzz"))
                .isInstanceOfSatisfying(QueryRefused.class, e -> assertThat(e.kind())
                        .isEqualTo(QueryRefused.Kind.UNKNOWN_ITEM));
    }
}
