package dev.braid.plugin.fusion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.braid.api.component.Environment;
import dev.braid.api.component.ProgressListener;
import dev.braid.api.compute.ReferenceBackend;
import dev.braid.api.data.Modality;
import dev.braid.api.fusion.FusionInput;
import dev.braid.api.fusion.ModalityVectors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransformerFusionTest {
    private final ReferenceBackend backend = new ReferenceBackend();

    @TempDir
    Path dir;

    /**
     * Small sizes for the 240-item synthetic catalog: 16 users per step. These tests look at the network itself, so
     * its output is kept even where a single modality scores better ({@code keepBestInput} off; see
     * {@link BestInputRuleTest} for the rule).
     */
    private static TransformerConfig config(String pooling, int layers, int epochs, String modelFile) {
        return new TransformerConfig(List.of(), 4, ProjectionParams.of("none"), 16, 2, layers, 32, pooling, 8, epochs,
                0.01, 1e-4, 1, modelFile, new FusionTraining(16, 0.1, 4, 20, 10, false, "interactions"));
    }

    private TransformerFusion fitted(TransformerConfig config, FusionInput in) {
        TransformerFusion f = new TransformerFusion(config, backend, new Environment(dir, dir, in.seed()));
        f.fit(in, ProgressListener.NONE);
        return f;
    }

    @Test
    void trainingImprovesTheValidationObjectiveAndAttendsToTheInformativeModality() {
        // text carries the users' clusters; image is a clean distractor, audio noise (missing for half the items)
        FusionInput in = GatedFusionTest.clustered(3);
        TransformerFusion f = fitted(config("cls", 1, 15, ""), in);

        List<TransformerTrainer.Epoch> h = f.history();
        assertThat(h.get(0).epoch()).isZero();
        double before = h.get(0).validationAuc();
        double best = h.stream().mapToDouble(TransformerTrainer.Epoch::validationAuc).max().orElseThrow();
        assertThat(best).isGreaterThan(before + 0.05);
        assertThat(h.stream().skip(2).mapToDouble(TransformerTrainer.Epoch::trainLoss).min().orElseThrow())
                .isLessThan(h.get(1).trainLoss());
        Map<Modality, Double> w = f.modalityWeights();
        assertThat(w.get(Modality.TEXT)).isGreaterThan(w.get(Modality.IMAGE)).isGreaterThan(w.get(Modality.AUDIO));
        assertThat(w.values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0, within(1e-6));
    }

    @Test
    void anAbsentModalityIsMaskedNotZeroFilled() {
        FusionInput in = GatedFusionTest.clustered(3);
        TransformerFusion f = fitted(config("cls", 1, 3, ""), in);
        // item 1 has no audio: a finite unit vector from text and image alone
        ModalityVectors row = in.row(1);
        assertThat(row.has(Modality.AUDIO)).isFalse();
        float[] v = f.fuse(row);
        assertThat(v).hasSize(8);
        double norm = 0;
        for (float x : v) {
            assertThat(Float.isFinite(x)).isTrue();
            norm += x * x;
        }
        assertThat(norm).isCloseTo(1.0, within(1e-5));
        // a single present modality works too
        float[] textOnly = f.fuse(ModalityVectors.of(Map.of(Modality.TEXT, row.get(Modality.TEXT).orElseThrow())));
        assertThat(textOnly).doesNotContain(Float.NaN);
        assertThat(f.fuse(ModalityVectors.of(Map.of()))).isNull();

        // in the engine's batched forward the absent slot still exists: whatever it holds changes nothing
        TransformerWeights w = f.weights();
        List<Modality> order = f.modalities();
        float[][] units = new float[order.size()][];
        boolean[][] present = new boolean[order.size()][1];
        float[][] garbage = new float[order.size()][];
        Random rnd = new Random(5);
        for (int m = 0; m < order.size(); m++) {
            Modality mod = order.get(m);
            present[m][0] = mod == Modality.TEXT;
            units[m] = present[m][0] ? f.reduce(mod, row.get(mod).orElseThrow()) : new float[4];
            garbage[m] = units[m].clone();
            if (!present[m][0]) {
                for (int c = 0; c < 4; c++) {
                    garbage[m][c] = (float) (100 * rnd.nextGaussian());
                }
            }
        }
        float[] zeros = TransformerNet.forward(w, units, present, new int[] {0});
        float[] noise = TransformerNet.forward(w, garbage, present, new int[] {0});
        assertThat(noise).containsExactly(zeros);
        assertThat(textOnly).containsExactly(zeros, within(1e-4f));
    }

    @Test
    void javaInferenceEqualsTheEngineForward() {
        FusionInput in = GatedFusionTest.clustered(4);
        for (String pooling : List.of("cls", "mean")) {
            for (int layers = 1; layers <= 2; layers++) {
                TransformerFusion f = fitted(config(pooling, layers, 2, ""), in);
                List<Modality> order = f.modalities();
                int n = 40;
                float[][] units = new float[order.size()][n * 4];
                boolean[][] present = new boolean[order.size()][n];
                int[] items = new int[n];
                for (int i = 0; i < n; i++) {
                    items[i] = i;
                    ModalityVectors row = in.row(i);
                    for (int m = 0; m < order.size(); m++) {
                        if (row.has(order.get(m))) {
                            present[m][i] = true;
                            System.arraycopy(f.reduce(order.get(m), row.get(order.get(m)).orElseThrow()), 0,
                                    units[m], i * 4, 4);
                        }
                    }
                }
                float[] engine = TransformerNet.forward(f.weights(), units, present, items);
                for (int i = 0; i < n; i++) {
                    float[] java = f.fuse(in.row(i));
                    for (int c = 0; c < 8; c++) {
                        assertThat(java[c]).as("%s pooling, %d layers, item %d", pooling, layers, i)
                                .isCloseTo(engine[i * 8 + c], within(1e-4f));
                    }
                }
            }
        }
    }

    @Test
    void theModelFileIsSavedAndLoadedWhenItsFingerprintMatches() throws Exception {
        FusionInput in = GatedFusionTest.clustered(3);
        TransformerFusion trained = fitted(config("cls", 1, 4, "models/tf.bin"), in);
        Path file = dir.resolve("models/tf.bin");
        assertThat(trained.loadedFromFile()).isFalse();
        assertThat(file).isRegularFile();
        assertThat(Files.readString(FusionModelFile.sidecar(file))).contains("\"strategy\": \"transformer\"")
                .contains("\"fingerprint\"").contains("\"text\": 4");
        try (var stray = Files.list(file.getParent())) {
            assertThat(stray.filter(p -> p.toString().endsWith(".tmp"))).isEmpty();
        }

        TransformerFusion loaded = fitted(config("cls", 1, 4, "models/tf.bin"), in);
        assertThat(loaded.loadedFromFile()).isTrue();
        assertThat(loaded.history()).isEqualTo(trained.history());
        assertThat(loaded.modalityWeights()).isEqualTo(trained.modalityWeights());
        for (int i = 0; i < in.catalog().size(); i++) {
            assertThat(loaded.fuse(in.row(i))).containsExactly(trained.fuse(in.row(i)));
        }

        // another hyper-parameter: the fingerprint differs, so it trains (and overwrites the file)
        TransformerFusion other = fitted(config("cls", 1, 5, "models/tf.bin"), in);
        assertThat(other.loadedFromFile()).isFalse();
        // other data (another seed of the same catalog shape): trains again
        TransformerFusion otherData = fitted(config("cls", 1, 5, "models/tf.bin"), GatedFusionTest.clustered(9));
        assertThat(otherData.loadedFromFile()).isFalse();
    }

    @Test
    void trainingIsReproducibleForASeed() {
        FusionInput in = GatedFusionTest.clustered(3);
        TransformerFusion a = fitted(config("mean", 1, 4, ""), in);
        TransformerFusion b = fitted(config("mean", 1, 4, ""), in);
        assertThat(a.history()).isEqualTo(b.history());
        for (int i = 0; i < 30; i++) {
            assertThat(a.fuse(in.row(i))).containsExactly(b.fuse(in.row(i)));
        }
    }

    @Test
    void trainsOnFreshThreadsAndTwoTrainingsAtOnce() throws Exception {
        // PyTorch's grad mode is per thread (on by default in a new thread), and DJL allows one gradient collector
        // at a time: the runtime builds variants on threads of its own, sometimes side by side
        FusionInput in = GatedFusionTest.clustered(3);
        TransformerFusion[] f = new TransformerFusion[2];
        Throwable[] error = new Throwable[2];
        Thread[] threads = new Thread[2];
        for (int k = 0; k < 2; k++) {
            int slot = k;
            threads[k] = new Thread(() -> {
                try {
                    f[slot] = fitted(config("cls", 1, 2, ""), in);
                } catch (Throwable e) {
                    error[slot] = e;
                }
            });
            threads[k].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(error).containsOnlyNulls();
        assertThat(f[0].history()).isEqualTo(f[1].history());
        assertThat(f[0].fuse(in.row(0))).containsExactly(f[1].fuse(in.row(0)));
    }

    @Test
    void refusesToFitWithoutInteractionsAndRejectsBadParameters() {
        FusionInput in = GatedFusionTest.clustered(3);
        FusionInput noInteractions = new FusionInput(in.catalog(), in.modalities(), null, 1L);
        TransformerFusion f = new TransformerFusion(config("cls", 1, 2, ""), backend, new Environment(dir, dir, 1));
        assertThatThrownBy(() -> f.fit(noInteractions, ProgressListener.NONE))
                .hasMessageContaining("training interactions");
        Environment env = new Environment(dir, dir, 1);
        assertThatThrownBy(() -> new TransformerFusion(config("max", 1, 2, ""), backend, env))
                .hasMessageContaining("pooling");
        assertThatThrownBy(() -> new TransformerFusion(config("cls", 3, 2, ""), backend, env))
                .hasMessageContaining("layers");
        assertThatThrownBy(() -> new TransformerFusion(new TransformerConfig(List.of(), 4,
                ProjectionParams.of("none"), 16, 3, 1, 32, "cls", 8, 2, 0.01, 1e-4, 1, "", FusionTraining.defaults()),
                backend, env))
                .hasMessageContaining("heads");
        assertThatThrownBy(() -> f.dimension()).isInstanceOf(IllegalStateException.class);
    }
}
