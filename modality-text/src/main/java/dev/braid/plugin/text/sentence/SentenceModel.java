package dev.braid.plugin.text.sentence;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.Batchifier;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.braid.platform.host.HostClassLoaderScope;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A loaded sentence-transformers model: its tokenizer and its ONNX graph run by DJL on ONNX Runtime. Texts are
 * tokenised (with truncation), ordered by length and cut into batches padded to their longest text, so that short
 * texts do not pay for long ones; token vectors are mean-pooled under the attention mask and L2-normalised.
 * Thread-safe; shared between encoders and generations through {@code SharedResources}.
 *
 * <p>Batches run {@code parallelCalls} at a time, each on {@code threads} ONNX Runtime intra-op threads. On a few
 * cores, one single-threaded call per core beats one call spread over all cores: a batch of short texts is too small
 * for the intra-op threads to stay busy between their synchronisation points.
 */
public final class SentenceModel implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SentenceModel.class);
    private static final Set<String> KNOWN_INPUTS = Set.of("input_ids", "attention_mask", "token_type_ids");

    private final Model model;
    private final HuggingFaceTokenizer tokenizer;
    private final List<String> inputNames;
    private final int dimension;
    private final String description;
    private final ExecutorService calls;
    private final int parallelCalls;

    private SentenceModel(Model model, HuggingFaceTokenizer tokenizer, List<String> inputNames, int dimension,
                          String description, int parallelCalls) {
        this.model = model;
        this.tokenizer = tokenizer;
        this.inputNames = inputNames;
        this.dimension = dimension;
        this.description = description;
        this.parallelCalls = parallelCalls;
        this.calls = parallelCalls > 1 && dimension > 0 ? Executors.newFixedThreadPool(parallelCalls,
                new CallThreads()) : null;
    }

    /**
     * Loads the model and tokenizer and checks the model's inputs, then measures its output dimension on one text.
     *
     * @param maxLength  tokens per text, special tokens included (longer texts are truncated)
     * @param threads    ONNX Runtime intra-op threads per call; 0: one per core divided by the parallel calls
     * @param parallelCalls batches run at once; 0: one per core divided by {@code threads} (one per core when
     *                   both are 0)
     * @throws IllegalArgumentException naming the file when the model or tokenizer cannot be used
     */
    public static SentenceModel load(ModelFiles files, int maxLength, int threads, int parallelCalls) {
        int cores = Runtime.getRuntime().availableProcessors();
        int parallel = parallelCalls > 0 ? parallelCalls : Math.max(1, threads > 0 ? cores / threads : cores);
        int intraOp = threads > 0 ? threads : Math.max(1, cores / parallel);
        try (HostClassLoaderScope scope = HostClassLoaderScope.enter()) {
            long t0 = System.nanoTime();
            HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.builder()
                    .optTokenizerPath(files.tokenizer())
                    .optAddSpecialTokens(true)
                    .optTruncation(true)
                    .optMaxLength(maxLength)
                    .optPadding(false)
                    .build();
            Model model = Model.newInstance("sentence-encoder", Device.cpu(), "OnnxRuntime");
            try {
                Map<String, Object> options = new HashMap<>();
                options.put("sessionOptions", sessionOptions(intraOp));
                String file = files.model().getFileName().toString();
                model.load(files.model().getParent(), file.substring(0, file.length() - ".onnx".length()),
                        options);
                List<String> inputs = model.describeInput().keys();
                for (String in : inputs) {
                    if (!KNOWN_INPUTS.contains(in)) {
                        throw new IllegalArgumentException("model " + files.model() + " has input '" + in
                                + "'; a sentence encoder takes " + KNOWN_INPUTS);
                    }
                }
                if (!inputs.contains("input_ids")) {
                    throw new IllegalArgumentException("model " + files.model() + " has no input_ids input");
                }
                SentenceModel probe = new SentenceModel(model, tokenizer, inputs, -1, files.model().toString(), 1);
                int dim = probe.run(TokenBatch.of(List.of(tokenizer.encode("probe"))))[0].length;
                LOG.info("Loaded sentence model {} ({} dimensions, inputs {}; {} parallel calls x {} threads) "
                        + "in {} ms", files.model(), dim, inputs, parallel, intraOp,
                        (System.nanoTime() - t0) / 1_000_000);
                return new SentenceModel(model, tokenizer, inputs, dim, files.model().toString(), parallel);
            } catch (RuntimeException | Error e) {
                model.close();
                tokenizer.close();
                throw e;
            }
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalArgumentException("cannot load sentence model " + files.model() + " with tokenizer "
                    + files.tokenizer() + ": " + e, e);
        }
    }

    /** Full graph optimisation (fused attention, layer norm and GELU kernels), no inter-op parallelism. */
    private static OrtSession.SessionOptions sessionOptions(int intraOpThreads) throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
        options.setIntraOpNumThreads(intraOpThreads);
        options.setInterOpNumThreads(1);
        return options;
    }

    /** The length of the vectors. */
    public int dimension() {
        return dimension;
    }

    /** Number of tokens of a text after truncation, special tokens included. */
    public int tokenCount(String text) {
        return tokenizer.encode(text).getIds().length;
    }

    /**
     * Embeds texts: one unit vector per text, in order.
     *
     * @param batchSize texts per model call
     */
    public float[][] embed(List<String> texts, int batchSize) {
        int n = texts.size();
        float[][] out = new float[n][];
        if (n == 0) {
            return out;
        }
        Encoding[] encodings = tokenizer.batchEncode(texts);
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingInt(i -> encodings[i].getIds().length));
        int batches = (n + batchSize - 1) / batchSize;
        if (calls == null || batches == 1) {
            for (int b = 0; b < batches; b++) {
                runBatch(encodings, order, b * batchSize, Math.min(n, (b + 1) * batchSize), out);
            }
            return out;
        }
        // Batches of similar length, taken in turn by the call threads; each writes its own rows of out.
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> workers = new ArrayList<>(parallelCalls);
        for (int w = 0; w < Math.min(parallelCalls, batches); w++) {
            workers.add(calls.submit(() -> {
                for (int b = next.getAndIncrement(); b < batches; b = next.getAndIncrement()) {
                    runBatch(encodings, order, b * batchSize, Math.min(n, (b + 1) * batchSize), out);
                }
            }));
        }
        for (Future<?> worker : workers) {
            try {
                worker.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                workers.forEach(f -> f.cancel(true));
                throw new IllegalStateException("interrupted while embedding " + n + " texts", e);
            } catch (ExecutionException e) {
                workers.forEach(f -> f.cancel(true));
                throw e.getCause() instanceof RuntimeException re ? re
                        : new IllegalStateException(e.getCause().toString(), e.getCause());
            }
        }
        return out;
    }

    private void runBatch(Encoding[] encodings, Integer[] order, int start, int end, float[][] out) {
        List<Encoding> chunk = new ArrayList<>(end - start);
        for (int k = start; k < end; k++) {
            chunk.add(encodings[order[k]]);
        }
        float[][] vectors = run(TokenBatch.of(chunk));
        for (int k = start; k < end; k++) {
            out[order[k]] = Pooling.l2Normalize(vectors[k - start]);
        }
    }

    /** Runs the model on one padded batch and returns the pooled (not yet normalised) vectors. */
    float[][] run(TokenBatch batch) {
        try (Predictor<TokenBatch, float[][]> predictor = model.newPredictor(new PoolingTranslator())) {
            return predictor.predict(batch);
        } catch (ai.djl.translate.TranslateException e) {
            throw new IllegalStateException("sentence model " + description + " failed on a batch of "
                    + batch.rows() + " texts of " + batch.length() + " tokens: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (calls != null) {
            calls.shutdownNow();
        }
        model.close();
        tokenizer.close();
    }

    /** Daemon threads that see the platform layer as context class loader, as DJL expects. */
    private static final class CallThreads implements java.util.concurrent.ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "braid-sentence-model-" + count.incrementAndGet());
            t.setDaemon(true);
            t.setContextClassLoader(HostClassLoaderScope.hostLoader());
            return t;
        }
    }

    /** Builds the named input tensors and pools the token output. */
    private final class PoolingTranslator implements Translator<TokenBatch, float[][]> {
        private TokenBatch current;

        @Override
        public NDList processInput(TranslatorContext ctx, TokenBatch b) {
            current = b;
            NDManager m = ctx.getNDManager();
            Shape shape = new Shape(b.rows(), b.length());
            NDList list = new NDList(inputNames.size());
            for (String name : inputNames) {
                long[] data = switch (name) {
                    case "input_ids" -> b.ids();
                    case "attention_mask" -> b.mask();
                    default -> b.types();
                };
                NDArray a = m.create(data, shape);
                a.setName(name);
                list.add(a);
            }
            return list;
        }

        @Override
        public float[][] processOutput(TranslatorContext ctx, NDList list) {
            NDArray out = pick(list);
            Shape s = out.getShape();
            float[] data = out.toFloatArray();
            if (s.dimension() == 2) {
                int dim = (int) s.get(1);
                float[][] rows = new float[(int) s.get(0)][];
                for (int r = 0; r < rows.length; r++) {
                    rows[r] = Arrays.copyOfRange(data, r * dim, (r + 1) * dim);
                }
                return rows;
            }
            if (s.dimension() != 3) {
                throw new IllegalStateException("model output " + out.getName() + " has shape " + s
                        + "; expected [batch, tokens, dim] or [batch, dim]");
            }
            return Pooling.meanPool(data, current.mask(), (int) s.get(0), (int) s.get(1), (int) s.get(2));
        }

        private NDArray pick(NDList list) {
            for (String preferred : List.of("last_hidden_state", "token_embeddings", "sentence_embedding")) {
                NDArray a = list.get(preferred);
                if (a != null) {
                    return a;
                }
            }
            return list.head();
        }

        @Override
        public Batchifier getBatchifier() {
            return null;
        }
    }
}
