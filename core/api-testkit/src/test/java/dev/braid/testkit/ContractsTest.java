package dev.braid.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.braid.api.component.SharedResources;
import dev.braid.api.data.FeatureMatrix;
import dev.braid.api.data.Item;
import dev.braid.api.data.Modality;
import dev.braid.api.encoder.EncodingResult;
import dev.braid.api.encoder.ModalityEncoder;
import dev.braid.api.fusion.FusionInput;
import dev.braid.api.fusion.FusionStrategy;
import dev.braid.api.fusion.ModalityVectors;
import dev.braid.api.generator.Generator;
import dev.braid.api.generator.Query;
import dev.braid.api.generator.TrainingData;
import dev.braid.api.component.ProgressListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.engine.TestExecutionResult;

/**
 * The contracts pass for components that keep the API's promises and fail, on the test that names the broken
 * promise, for components that break one. Each case is a contract subclass run through the JUnit launcher (nested,
 * so the build's own test run does not pick it up).
 */
class ContractsTest {

    @Test
    void aCorrectEncoderPassesEveryEncoderTest() {
        assertThat(failures(WordHashCase.class)).isEmpty();
        assertThat(passed(WordHashCase.class)).hasSize(9);
    }

    @Test
    void anEncoderThatThrowsOnABrokenItemOrReusesArraysFails() {
        assertThat(failures(SinkingCase.class)).containsExactly("aBrokenItemIsAnErrorNamingItAndDoesNotSinkTheBatch()");
        assertThat(failures(SharedArrayCase.class)).contains("everyResultOwnsItsArray()");
        assertThat(failures(LeakingCase.class)).containsExactly("closeReleasesSharedResourcesAndIsIdempotent()");
    }

    @Test
    void aCorrectFusionPassesAndOneThatTakesAbsenceForZerosFails() {
        assertThat(failures(MaskedMeanCase.class)).isEmpty();
        assertThat(failures(ZeroFillCase.class)).containsExactly("anAbsentModalityIsNotTakenForZeros()");
    }

    @Test
    void aLearningGeneratorPassesAndARandomOrResurrectingOneFails() {
        assertThat(failures(ContentMatchCase.class)).isEmpty();
        assertThat(failures(ResurrectingCase.class)).containsExactly("anItemFilteredByAnEarlierStageStaysFiltered()");
        assertThat(failures(RandomCase.class)).contains("beatsARandomRankingOfHeldOutPositives()",
                "twoInstancesFittedWithOneSeedScoreAlike()");
    }

    // ---- running a contract ----

    private static List<String> failures(Class<?> test) {
        return run(test, false);
    }

    private static List<String> passed(Class<?> test) {
        return run(test, true);
    }

    private static List<String> run(Class<?> test, boolean successes) {
        TreeSet<String> names = new TreeSet<>();
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectClass(test))
                .build();
        Launcher launcher = LauncherFactory.create();
        launcher.execute(request, new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                boolean ok = result.getStatus() == TestExecutionResult.Status.SUCCESSFUL;
                if (id.isTest() && ok == successes) {
                    names.add(id.getDisplayName());
                }
                if (!id.isTest() && !ok) {
                    names.add("container " + id.getDisplayName() + ": " + result.getThrowable().orElse(null));
                }
            }
        });
        return new ArrayList<>(names);
    }

    // ---- encoders ----

    /** Hashes words into 16 buckets; fails MISSING without text and INVALID on text with no word. */
    static class WordHash implements ModalityEncoder {
        @Override
        public Modality modality() {
            return Modality.TEXT;
        }

        @Override
        public int dimension() {
            return 16;
        }

        @Override
        public List<EncodingResult> encode(List<Item> items) {
            return items.stream().map(this::one).toList();
        }

        EncodingResult one(Item item) {
            if (!item.has(Modality.TEXT)) {
                return EncodingResult.failure(item.id(), EncodingResult.FailureKind.MISSING, "no text");
            }
            float[] v = new float[16];
            for (String w : item.content().text().split("\\W+")) {
                if (!w.isEmpty()) {
                    v[Math.floorMod(w.hashCode(), 16)] += 1;
                }
            }
            return allZero(v)
                    ? EncodingResult.failure(item.id(), EncodingResult.FailureKind.INVALID, "text has no word")
                    : EncodingResult.success(item.id(), v);
        }

        private static boolean allZero(float[] v) {
            for (float x : v) {
                if (x != 0) {
                    return false;
                }
            }
            return true;
        }
    }

    static class WordHashCase extends EncoderContract {
        @Override
        protected ModalityEncoder newEncoder() {
            return new WordHash();
        }

        @Override
        protected List<Item> catalog() {
            return Planted.textItems(40, 1);
        }

        @Override
        protected Optional<Item> brokenItem() {
            return Optional.of(Item.ofText("punctuation", "?!"));
        }
    }

    /** Throws on the item it cannot encode: the whole batch is lost. */
    static class SinkingCase extends WordHashCase {
        @Override
        protected ModalityEncoder newEncoder() {
            return new WordHash() {
                @Override
                EncodingResult one(Item item) {
                    EncodingResult r = super.one(item);
                    if (r instanceof EncodingResult.Failure f && f.kind() == EncodingResult.FailureKind.INVALID) {
                        throw new IllegalArgumentException("cannot encode " + item.id());
                    }
                    return r;
                }
            };
        }
    }

    /** Hands out the same array for every item. */
    static class SharedArrayCase extends WordHashCase {
        @Override
        protected ModalityEncoder newEncoder() {
            return new WordHash() {
                final float[] shared = new float[16];

                @Override
                EncodingResult one(Item item) {
                    EncodingResult r = super.one(item);
                    return r instanceof EncodingResult.Success ? EncodingResult.success(item.id(), shared) : r;
                }
            };
        }
    }

    /** Acquires a shared resource and never releases it. */
    static class LeakingCase extends WordHashCase {
        @Override
        protected ModalityEncoder newEncoder() {
            SharedResources.Lease<AutoCloseable> lease = resources.acquire("model", AutoCloseable.class,
                    () -> () -> { });
            return new WordHash();
        }
    }

    // ---- fusion ----

    /** The mean of the present modalities' vectors (all of dimension 4); or, zero-filling, of all modalities'. */
    static class MaskedMean implements FusionStrategy {
        private final boolean zeroFill;

        MaskedMean(boolean zeroFill) {
            this.zeroFill = zeroFill;
        }

        @Override
        public void fit(FusionInput input, ProgressListener progress) {
        }

        @Override
        public int dimension() {
            return 4;
        }

        @Override
        public float[] fuse(ModalityVectors vectors) {
            if (vectors.isEmpty()) {
                return null;
            }
            float[] out = new float[4];
            for (Modality m : vectors.present()) {
                float[] v = vectors.get(m).orElseThrow();
                for (int i = 0; i < 4; i++) {
                    out[i] += v[i] / (zeroFill ? 2 : vectors.present().size());
                }
            }
            return out;
        }
    }

    static class MaskedMeanCase extends FusionContract {
        @Override
        protected FusionStrategy newStrategy() {
            return new MaskedMean(false);
        }
    }

    /** Averages over both modalities, an absent one counting as zeros. */
    static class ZeroFillCase extends FusionContract {
        @Override
        protected FusionStrategy newStrategy() {
            return new MaskedMean(true);
        }
    }

    // ---- generators ----

    /** Writes every score, bringing back items an earlier stage filtered. */
    static class ResurrectingCase extends GeneratorContract {
        @Override
        protected Generator newGenerator() {
            return new ContentMatch() {
                @Override
                public void score(Query query, float[] scores) {
                    java.util.Arrays.fill(scores, 0f);
                    super.score(query, scores);
                }
            };
        }
    }

    /** Scores items by the dot product of their content with the mean content of the user's training items. */
    static class ContentMatch implements Generator {
        private TrainingData data;

        @Override
        public void fit(TrainingData data, ProgressListener progress) {
            this.data = data;
        }

        @Override
        public void score(Query query, float[] scores) {
            FeatureMatrix content = data.features().fused().orElseThrow();
            float[] profile = new float[content.dim()];
            int u = query.user() == null ? -1 : data.interactions().userIndex(query.user());
            if (u >= 0) {
                for (int i : data.interactions().items(u)) {
                    float[] row = content.row(i);
                    for (int d = 0; d < profile.length; d++) {
                        profile[d] += row[d];
                    }
                }
            }
            for (int i = 0; i < scores.length; i++) {
                float[] row = content.row(i);
                float s = 0;
                for (int d = 0; d < profile.length; d++) {
                    s += row[d] * profile[d];
                }
                if (scores[i] != Float.NEGATIVE_INFINITY) {
                    scores[i] = s;
                }
            }
        }

        @Override
        public List<String> explain(Query query, int item) {
            return List.of("content of " + data.catalog().item(item).id());
        }
    }

    static class ContentMatchCase extends GeneratorContract {
        @Override
        protected Generator newGenerator() {
            return new ContentMatch();
        }
    }

    /** Random scores, from an unseeded source. */
    static class RandomCase extends GeneratorContract {
        @Override
        protected Generator newGenerator() {
            Random r = new Random();
            return new ContentMatch() {
                @Override
                public void score(Query query, float[] scores) {
                    for (int i = 0; i < scores.length; i++) {
                        scores[i] = r.nextFloat();
                    }
                }
            };
        }
    }
}
