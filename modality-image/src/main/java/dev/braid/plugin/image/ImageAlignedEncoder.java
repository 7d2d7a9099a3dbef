package dev.braid.plugin.image;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.braid.api.component.BraidComponent;
import dev.braid.api.component.Environment;
import dev.braid.api.component.ProgressListener;
import dev.braid.api.data.FeatureMatrix;
import dev.braid.api.data.Item;
import dev.braid.api.data.Modality;
import dev.braid.api.encoder.EncodingResult;
import dev.braid.api.encoder.EncodingResult.FailureKind;
import dev.braid.api.encoder.TrainableEncoder;
import dev.braid.platform.host.HostClassLoaderScope;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A learned image encoder whose vectors live in a text encoder's space: a small CNN ({@link AlignedNetwork}) on
 * the image's pixels, optionally with the {@code image-handcrafted} descriptor beside it, trained by
 * {@code braid train-encoder} to predict each catalog item's text embedding (cosine regression, see
 * {@link AlignmentTrainer}). Items that have only an image then get a vector comparable with text vectors (e.g.
 * {@code weighted-sum} fusion with {@code projection: none}). Output: L2-normalised.
 *
 * <p>Without a model file (before training), construction succeeds so that the command can train it, and
 * {@link #dimension()} / {@link #encode} fail naming the missing file. A model whose input size or dimension
 * differs from the configuration's fails construction, naming the file. Per-item failures as in
 * {@link ColorHistogramEncoder}. Thread-safe; runs on DJL's PyTorch engine, CPU.
 */
@BraidComponent(name = "image-aligned", config = ImageAlignedConfig.class, modality = Modality.IMAGE,
        description = "small CNN (+ hand-crafted descriptor) trained to predict the item's text embedding; "
                + "`braid train-encoder` writes its model")
public final class ImageAlignedEncoder implements TrainableEncoder {
    private static final Logger LOG = LoggerFactory.getLogger(ImageAlignedEncoder.class);
    private static final String NAME = "image-aligned";

    private final ImageAlignedConfig config;
    private final Path modelPath;
    private final HandcraftedImageEncoder descriptor = new HandcraftedImageEncoder(HandcraftedImageConfig.defaults());
    private final ImageLoader loader;
    private final ForkJoinPool pool;
    private volatile Loaded loaded;

    /** A model in memory. */
    private record Loaded(AlignedNetwork network, Model model, Block block, String fingerprint, Properties header) {
    }

    /**
     * @throws IllegalArgumentException when the model file exists but is not an image-aligned model or does not
     *                                  fit the configuration (input size, dimension)
     */
    public ImageAlignedEncoder(ImageAlignedConfig config, Environment environment) {
        this.config = config;
        this.modelPath = config.model().isBlank() ? null : environment.resolve(config.model()).toAbsolutePath();
        // The descriptor's default copy is 128 pixels; larger inputs need a larger copy.
        this.loader = new ImageLoader(40_000_000L, Math.max(128, config.size()));
        this.pool = new ForkJoinPool(config.threads() > 0 ? config.threads()
                : Runtime.getRuntime().availableProcessors());
        if (modelPath != null && Files.exists(modelPath)) {
            try {
                this.loaded = load(modelPath);
            } catch (RuntimeException e) {
                pool.shutdown();
                throw e;
            }
        }
    }

    @Override
    public Modality modality() {
        return Modality.IMAGE;
    }

    @Override
    public int dimension() {
        return model().network().dimension();
    }

    @Override
    public String fingerprint() {
        return model().fingerprint();
    }

    private Loaded model() {
        Loaded l = loaded;
        if (l == null) {
            throw new IllegalStateException(modelPath == null
                    ? NAME + " has no model: set `model` to a file written by `braid train-encoder`"
                    : NAME + " model file not found: " + modelPath + " (train one with `braid train-encoder "
                    + "--config FILE --out " + modelPath + "`)");
        }
        return l;
    }

    @Override
    public List<EncodingResult> encode(List<Item> items) {
        Loaded l = model();
        List<ImageBatch.Outcome<AlignedInput>> prepared = prepare(items, l.network().handcrafted());
        EncodingResult[] out = new EncodingResult[items.size()];
        List<Integer> ok = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (prepared.get(i).failure() != null) {
                out[i] = prepared.get(i).failure();
            } else {
                ok.add(i);
            }
        }
        int d = l.network().dimension();
        for (int s = 0; s < ok.size(); s += config.batchSize()) {
            List<Integer> part = ok.subList(s, Math.min(ok.size(), s + config.batchSize()));
            float[] v = forward(l, part.stream().map(i -> prepared.get(i).value()).toList());
            for (int j = 0; j < part.size(); j++) {
                float[] row = new float[d];
                System.arraycopy(v, j * d, row, 0, d);
                Item item = items.get(part.get(j));
                out[part.get(j)] = Histograms.l2Normalize(row) ? EncodingResult.success(item.id(), row)
                        : EncodingResult.failure(item.id(), FailureKind.ERROR, NAME + " produced a zero vector for "
                        + item.content().image().name());
            }
        }
        return List.of(out);
    }

    private static float[] forward(Loaded l, List<AlignedInput> batch) {
        return host(() -> {
            try (NDManager sub = l.model().getNDManager().newSubManager()) {
                NDList x = l.network().inputs(sub, batch, null);
                return l.block().forward(new ParameterStore(sub, false), x, false).singletonOrThrow()
                        .toFloatArray();
            }
        });
    }

    /** Loads and prepares every image on this encoder's decoding threads, in input order. */
    private List<ImageBatch.Outcome<AlignedInput>> prepare(List<Item> items, boolean handcrafted) {
        int size = config.size();
        HandcraftedImageEncoder d = handcrafted ? descriptor : null;
        try {
            return pool.submit(() -> ImageBatch.prepare(items, loader, img -> AlignedInput.of(img, size, d), NAME))
                    .get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(NAME + ": interrupted while decoding images", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(NAME + ": decoding images failed: " + e.getCause(), e.getCause());
        }
    }

    @Override
    public Report train(List<Item> items, FeatureMatrix targets, String teacher, Path modelOut,
                        ProgressListener progress) throws IOException {
        if (targets.rows() != items.size()) {
            throw new IllegalArgumentException("targets have " + targets.rows() + " rows for " + items.size()
                    + " items");
        }
        int dim = targets.dim();
        if (config.dimension() > 0 && config.dimension() != dim) {
            throw new IllegalArgumentException(NAME + ": the configuration expects dimension " + config.dimension()
                    + ", the teacher " + teacher + " gives " + dim);
        }
        List<Item> usable = new ArrayList<>();
        List<float[]> unitTargets = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            float[] t = targets.isPresent(i) ? targets.row(i) : null;
            if (t != null && Histograms.l2Normalize(t) && items.get(i).content().image() != null) {
                usable.add(items.get(i));
                unitTargets.add(t);
            }
        }
        progress.start("decode images for " + NAME, usable.size());
        List<ImageBatch.Outcome<AlignedInput>> prepared;
        try {
            prepared = prepare(usable, config.handcrafted());
            progress.advance(usable.size());
        } finally {
            progress.finish();
        }
        List<AlignedInput> inputs = new ArrayList<>();
        List<float[]> kept = new ArrayList<>();
        int failed = 0;
        for (int i = 0; i < usable.size(); i++) {
            ImageBatch.Outcome<AlignedInput> o = prepared.get(i);
            if (o.failure() != null) {
                if (failed++ < 5) {
                    LOG.warn("{}: left out of training: item '{}': {}", NAME, o.failure().itemId(),
                            o.failure().message());
                }
                continue;
            }
            inputs.add(o.value());
            kept.add(unitTargets.get(i));
        }
        LOG.info("{}: {} items with an image and a {} target ({} images could not be used)", NAME, inputs.size(),
                teacher, failed);
        AlignedNetwork network = new AlignedNetwork(config.size(), config.width(), config.handcrafted(),
                descriptor.dimension(), dim);
        AlignmentTrainer.Result r = new AlignmentTrainer(network, config).train(inputs, kept, progress);
        Properties header = AlignedModelFile.architecture(network);
        header.setProperty("teacher", teacher);
        header.setProperty("epochs", Integer.toString(r.epochs()));
        header.setProperty("bestEpoch", Integer.toString(r.bestEpoch()));
        header.setProperty("trainItems", Integer.toString(r.trainItems()));
        header.setProperty("validationItems", Integer.toString(r.validationItems()));
        header.setProperty("validationCosine", String.format(java.util.Locale.ROOT, "%.6f", r.validationCosine()));
        header.setProperty("baselineCosine", String.format(java.util.Locale.ROOT, "%.6f", r.baselineCosine()));
        header.setProperty("seed", Long.toString(config.seed()));
        Path out = modelOut.toAbsolutePath();
        new AlignedModelFile(network, header, r.parameters()).write(out);
        Loaded fresh = load(out);
        Loaded old = loaded;
        loaded = fresh;
        if (old != null) {
            old.model().close();
        }
        LOG.info("{}: model written to {} (best epoch {} of {}, validation cosine {}, baseline {})", NAME, out,
                r.bestEpoch(), r.epochs(), header.getProperty("validationCosine"),
                header.getProperty("baselineCosine"));
        return new Report(out, r.trainItems(), r.validationItems(), r.epochs(), r.bestEpoch(), r.validationCosine(),
                r.baselineCosine());
    }

    /** Reads, checks against the configuration and loads a model file. */
    private Loaded load(Path file) {
        AlignedModelFile f;
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
            f = AlignedModelFile.read(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(NAME + ": cannot read model file " + file + ": " + e.getMessage(), e);
        }
        AlignedNetwork net = f.network();
        if (net.size() != config.size()) {
            throw new IllegalArgumentException(NAME + ": model " + file + " takes " + net.size() + "x" + net.size()
                    + " images, but the configuration's size is " + config.size());
        }
        if (config.dimension() > 0 && net.dimension() != config.dimension()) {
            throw new IllegalArgumentException(NAME + ": model " + file + " outputs dimension " + net.dimension()
                    + " (teacher " + f.header().getProperty("teacher") + "), but the configuration expects "
                    + config.dimension());
        }
        if (net.handcrafted() && net.featureDim() != descriptor.dimension()) {
            throw new IllegalArgumentException(NAME + ": model " + file + " expects a hand-crafted descriptor of "
                    + net.featureDim() + " values, this encoder computes " + descriptor.dimension());
        }
        String fingerprint = sha256(bytes);
        return host(() -> {
            Model model = Model.newInstance(NAME, Device.cpu(), AlignmentTrainer.ENGINE);
            try {
                Block block = net.build();
                net.initialize(block, model.getNDManager());
                block.loadParameters(model.getNDManager(), new DataInputStream(
                        new ByteArrayInputStream(f.parameters())));
                model.setBlock(block);
                LOG.info("{}: loaded {} ({}x{} input, dimension {}, teacher {}, validation cosine {})", NAME, file,
                        net.size(), net.size(), net.dimension(), f.header().getProperty("teacher"),
                        f.header().getProperty("validationCosine"));
                return new Loaded(net, model, block, fingerprint, f.header());
            } catch (IOException | MalformedModelException | RuntimeException e) {
                model.close();
                throw new IllegalArgumentException(NAME + ": corrupt model file " + file + " (" + e.getMessage()
                        + ")", e);
            }
        });
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs DJL code with the host's context class loader (engine lookup), unwrapping checked exceptions. */
    private static <T> T host(java.util.concurrent.Callable<T> action) {
        try (HostClassLoaderScope scope = HostClassLoaderScope.enter()) {
            return action.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(NAME + ": " + e, e);
        }
    }

    @Override
    public void close() {
        pool.shutdown();
        Loaded l = loaded;
        loaded = null;
        if (l != null) {
            l.model().close();
        }
    }
}
