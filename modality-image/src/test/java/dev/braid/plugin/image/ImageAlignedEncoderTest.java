package dev.braid.plugin.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.braid.api.component.Environment;
import dev.braid.api.component.ProgressListener;
import dev.braid.api.data.FeatureMatrix;
import dev.braid.api.data.Item;
import dev.braid.api.data.ItemContent;
import dev.braid.api.data.Media;
import dev.braid.api.encoder.EncodingResult;
import dev.braid.api.encoder.EncodingResult.Failure;
import dev.braid.api.encoder.EncodingResult.FailureKind;
import dev.braid.api.encoder.EncodingResult.Success;
import dev.braid.api.encoder.ModalityEncoder;
import dev.braid.api.encoder.TrainableEncoder;
import dev.braid.testkit.CountingProgress;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Synthetic alignment: each image shows one of four colours and one of three shapes on a noisy background; its
 * target is {@code normalise(colourVector + shapeVector)} in 16 dimensions. Training (pixels only, 32x32) must
 * lift the validation cosine well above the constant-prediction baseline; the saved model must reload to the same
 * outputs.
 */
class ImageAlignedEncoderTest {
    private static final int DIM = 16;
    private static final Color[] COLOURS = {new Color(220, 30, 30), new Color(30, 180, 40), new Color(40, 60, 220),
        new Color(230, 210, 30)};

    @TempDir
    static Path dir;
    static List<Item> items;
    static float[][] targets;
    static ImageAlignedEncoder trained;
    static TrainableEncoder.Report report;
    static final CountingProgress progress = new CountingProgress();

    static ImageAlignedConfig config(String model) {
        // pixels only (the CNN must learn colour and shape), small input and width to stay fast
        return new ImageAlignedConfig(model, 32, 0, false, 8, 64, 2, 20, 5, 0.01, 0.0, 16, 0.2, true, 7);
    }

    static Environment env() {
        return new Environment(dir, dir, 7);
    }

    @BeforeAll
    static void train() throws IOException {
        Random rnd = new Random(11);
        float[][] colourVec = randomUnit(rnd, COLOURS.length);
        float[][] shapeVec = randomUnit(rnd, 3);
        items = new ArrayList<>();
        List<float[]> t = new ArrayList<>();
        for (int k = 0; k < 144; k++) {
            int c = rnd.nextInt(COLOURS.length);
            int s = rnd.nextInt(3);
            BufferedImage img = draw(rnd, COLOURS[c], s);
            items.add(item("i" + k, Media.ofBytes("i" + k + ".png", TestImages.bytes(img, "png"))));
            float[] v = new float[DIM];
            for (int d = 0; d < DIM; d++) {
                v[d] = colourVec[c][d] + shapeVec[s][d];
            }
            t.add(v);
        }
        targets = t.toArray(new float[0][]);
        trained = new ImageAlignedEncoder(config("model.bin"), env());
        report = trained.train(items, FeatureMatrix.ofRows(DIM, targets), "test:synthetic", dir.resolve("model.bin"),
                progress);
    }

    @AfterAll
    static void close() {
        trained.close();
    }

    /** An encoder that loads the model trained above keeps the encoder contract. */
    @Nested
    class Contract extends ImageEncoderContract {
        @Override
        protected ModalityEncoder newEncoder() {
            return new ImageAlignedEncoder(config(dir.resolve("model.bin").toString()), env());
        }

        @Override
        protected List<Item> catalog() {
            return items.subList(0, 24);
        }

        /** The network runs on batches: a batch's size changes the last bits of its convolutions' sums. */
        @Override
        protected double tolerance() {
            return 1e-5;
        }
    }

    @Test
    void trainingLiftsValidationCosineWellAboveTheBaseline() {
        assertThat(report.validationItems()).isEqualTo(29);
        assertThat(report.trainItems()).isEqualTo(115);
        assertThat(report.bestEpoch()).isGreaterThan(0);
        assertThat(progress.tasks().stream().filter(t -> t.startsWith("train image-aligned, epoch")))
                .hasSize(report.epochs());
        // The constant mean target explains part of each vector (the classes share directions by chance) ...
        assertThat(report.baselineCosine()).isBetween(0.2, 0.8);
        // ... the network must explain far more: colour and shape decide the target.
        assertThat(report.validationCosine()).isGreaterThan(0.78).isGreaterThan(report.baselineCosine() + 0.2);
    }

    @Test
    void encodesUnitVectorsCloseToTheTargetsOfTheTrainingItems() {
        List<EncodingResult> r = trained.encode(items);
        double sum = 0;
        for (int i = 0; i < items.size(); i++) {
            float[] v = ((Success) r.get(i)).vector();
            assertThat(TestImages.dot(v, v)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
            float[] t = targets[i].clone();
            Histograms.l2Normalize(t);
            sum += TestImages.dot(v, t);
        }
        assertThat(sum / items.size()).isGreaterThan(0.78);
        assertThat(trained.dimension()).isEqualTo(DIM);
    }

    @Test
    void savedModelReloadsToIdenticalOutputsAndRecordsItsSidecar() throws IOException {
        try (ImageAlignedEncoder reloaded = new ImageAlignedEncoder(config("model.bin"), env())) {
            List<EncodingResult> a = trained.encode(items.subList(0, 20));
            List<EncodingResult> b = reloaded.encode(items.subList(0, 20));
            for (int i = 0; i < 20; i++) {
                assertThat(((Success) b.get(i)).vector()).containsExactly(((Success) a.get(i)).vector());
            }
            assertThat(reloaded.fingerprint()).isEqualTo(trained.fingerprint()).hasSize(64);
        }
        Properties sidecar = new Properties();
        try (var in = Files.newBufferedReader(dir.resolve("model.bin.properties"))) {
            sidecar.load(in);
        }
        assertThat(sidecar).containsEntry("dimension", "16").containsEntry("size", "32")
                .containsEntry("teacher", "test:synthetic").containsEntry("epochs", "" + report.epochs());
        assertThat(Double.parseDouble(sidecar.getProperty("validationCosine")))
                .isCloseTo(report.validationCosine(), org.assertj.core.data.Offset.offset(1e-5));
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    /**
     * Same seed: the same split, shuffling, flips and initial weights, and one PyTorch thread while training, so the
     * same recorded figures (validation cosine included, exactly) and the same vectors. Another seed draws another
     * split.
     */
    @Test
    void trainingIsReproducibleWithTheSameSeed() throws IOException {
        List<Item> some = items.subList(0, 40);
        FeatureMatrix t = FeatureMatrix.ofRows(DIM, java.util.Arrays.copyOf(targets, 40));
        List<Properties> headers = new ArrayList<>();
        List<List<EncodingResult>> vectors = new ArrayList<>();
        for (long seed : new long[] {3, 3, 4}) {
            ImageAlignedConfig quick = new ImageAlignedConfig("", 16, 0, true, 4, 64, 2, 2, 2, 0.01, 0.0, 16, 0.25,
                    true, seed);
            Path out = dir.resolve("repro-" + headers.size() + ".bin");
            try (ImageAlignedEncoder e = new ImageAlignedEncoder(quick, env())) {
                e.train(some, t, "test:synthetic", out, ProgressListener.NONE);
                vectors.add(e.encode(some));
            }
            headers.add(AlignedModelFile.read(out).header());
        }
        Properties a = (Properties) headers.get(0).clone();
        Properties b = (Properties) headers.get(1).clone();
        assertThat(b).isEqualTo(a);
        for (int i = 0; i < some.size(); i++) {
            assertThat(((Success) vectors.get(1).get(i)).vector())
                    .containsExactly(((Success) vectors.get(0).get(i)).vector());
        }
        assertThat(headers.get(2).getProperty("baselineCosine")).isNotEqualTo(a.getProperty("baselineCosine"));
    }

    @Test
    void badImagesGetTypedFailuresAndTheOthersStillEncode() {
        List<Item> batch = List.of(items.get(0),
                item("corrupt", Media.ofBytes("corrupt.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3})),
                item("gone", Media.ofFile(dir.resolve("no-such-poster.jpg"))),
                new Item("text-only", "", Map.of(), new ItemContent("words", null, null)),
                items.get(1));
        List<EncodingResult> r = trained.encode(batch);
        assertThat(r).extracting(EncodingResult::itemId).containsExactly("i0", "corrupt", "gone", "text-only", "i1");
        assertThat(r.get(0)).isInstanceOf(Success.class);
        assertThat(r.get(4)).isInstanceOf(Success.class);
        assertThat(((Failure) r.get(1)).kind()).isIn(FailureKind.INVALID, FailureKind.UNSUPPORTED);
        assertThat(((Failure) r.get(2)).kind()).isEqualTo(FailureKind.UNREADABLE);
        assertThat(((Failure) r.get(2)).message()).contains("no-such-poster.jpg");
        assertThat(((Failure) r.get(3)).kind()).isEqualTo(FailureKind.MISSING);
    }

    @Test
    void missingModelFailsNamingThePath() {
        try (ImageAlignedEncoder e = new ImageAlignedEncoder(config("absent/model.bin"), env())) {
            assertThatThrownBy(e::dimension).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(dir.resolve("absent/model.bin").toAbsolutePath().toString())
                    .hasMessageContaining("train-encoder");
            assertThatThrownBy(() -> e.encode(items.subList(0, 1))).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("not found");
        }
        try (ImageAlignedEncoder e = new ImageAlignedEncoder(config(""), env())) {
            assertThatThrownBy(e::dimension).hasMessageContaining("set `model`");
        }
    }

    @Test
    void modelThatDoesNotFitTheConfigurationFailsConstructionNamingThePath() throws IOException {
        String path = dir.resolve("model.bin").toString();
        ImageAlignedConfig c = config(path);
        ImageAlignedConfig otherSize = new ImageAlignedConfig(path, 48, 0, false, 8, 64, 2, 30, 8, 0.005, 0.0, 16,
                0.2, true, 7);
        assertThatThrownBy(() -> new ImageAlignedEncoder(otherSize, env())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(path).hasMessageContaining("32x32").hasMessageContaining("48");
        ImageAlignedConfig otherDim = new ImageAlignedConfig(path, 32, 384, false, 8, 64, 2, 30, 8, 0.005, 0.0, 16,
                0.2, true, 7);
        assertThatThrownBy(() -> new ImageAlignedEncoder(otherDim, env())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(path).hasMessageContaining("16").hasMessageContaining("384");
        Path junk = Files.writeString(dir.resolve("junk.bin"), "not a model");
        assertThatThrownBy(() -> new ImageAlignedEncoder(config(junk.toString()), env()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(junk.toString());
        assertThat(c.model()).isEqualTo(path);
    }

    private static Item item(String id, Media image) {
        return new Item(id, "", Map.of(), new ItemContent(null, image, null));
    }

    private static float[][] randomUnit(Random rnd, int n) {
        float[][] v = new float[n][DIM];
        for (float[] row : v) {
            for (int d = 0; d < DIM; d++) {
                row[d] = (float) rnd.nextGaussian();
            }
            Histograms.l2Normalize(row);
        }
        return v;
    }

    /** A shape (0 disc, 1 square, 2 triangle) of one colour, at a random place and size, on grey noise. */
    private static BufferedImage draw(Random rnd, Color colour, int shape) {
        BufferedImage img = new BufferedImage(48, 64, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 48; x++) {
                int g = 100 + rnd.nextInt(60);
                img.setRGB(x, y, g << 16 | g << 8 | g);
            }
        }
        Graphics2D g = img.createGraphics();
        g.setColor(colour);
        int s = 22 + rnd.nextInt(12);
        int x = rnd.nextInt(48 - s);
        int y = rnd.nextInt(64 - s);
        switch (shape) {
            case 0 -> g.fillOval(x, y, s, s);
            case 1 -> g.fillRect(x, y, s, s);
            default -> g.fillPolygon(new int[] {x, x + s, x + s / 2}, new int[] {y + s, y + s, y}, 3);
        }
        g.dispose();
        return img;
    }
}
