package dev.braid.bench;

import dev.braid.api.component.Environment;
import dev.braid.api.data.Item;
import dev.braid.api.encoder.EncodingResult;
import dev.braid.plugin.text.sentence.MiniLmConfig;
import dev.braid.plugin.text.sentence.MiniLmEncoder;
import dev.braid.runtime.BraidHome;
import dev.braid.runtime.inject.RefCountedResources;
import dev.braid.runtime.platform.NativePlatform;
import dev.braid.testkit.Vectors;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * MiniLM throughput: Braid's {@code minilm} encoder (DJL + ONNX Runtime, length-grouped dynamic batches) against
 * langchain4j's own {@code AllMiniLmL6V2EmbeddingModel.embedAll} on the same sentences in the same JVM, same fp32
 * model file. Protocol: both warm up on 200 sentences, then {@code rounds} alternating timed passes over all
 * sentences; prints each pass, the medians, their ratio, and the cosine between the two outputs (min and mean).
 * Both truncate at 128 tokens here: langchain4j's tokenizer keeps the {@code truncation.max_length} of the model's
 * {@code tokenizer.json} (128; it splits only texts over 510 tokens), while the encoder's default, 256, follows
 * sentence-transformers' {@code max_seq_length}. With the same truncation the outputs are comparable.
 *
 * <p>Usage: {@code java --add-modules jdk.incubator.vector -cp distribution/bench/target/classes:$(cat
 * distribution/bench/target/classpath.txt) dev.braid.bench.MiniLmBench [sentences=1000] [rounds=5] [batchSize=32]
 * [items.tsv] [threads=0] [parallelCalls=0] [quantized=false] [maxLength=128]}
 */
public final class MiniLmBench {

    private MiniLmBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 32;
        Path tsv = Path.of(args.length > 3 && !args[3].equals("-") ? args[3]
                : "../shared/datasets/ml-100k-mm/items.tsv");
        int threads = args.length > 4 ? Integer.parseInt(args[4]) : 0;
        int parallelCalls = args.length > 5 ? Integer.parseInt(args[5]) : 0;
        boolean quantized = args.length > 6 && Boolean.parseBoolean(args[6]);
        int maxLength = args.length > 7 ? Integer.parseInt(args[7]) : 128;
        if (!Files.isRegularFile(tsv)) {
            tsv = Path.of("../../shared/datasets/ml-100k-mm/items.tsv"); // from a git worktree
        }
        List<String> sentences = sentences(tsv, n);
        Path cache = BraidHome.defaultCache();
        NativePlatform.configure(cache);
        Environment env = new Environment(cache, Path.of("."), 1);
        List<Item> items = new ArrayList<>();
        List<TextSegment> segments = new ArrayList<>();
        for (int i = 0; i < sentences.size(); i++) {
            items.add(Item.ofText(String.valueOf(i), sentences.get(i)));
            segments.add(TextSegment.from(sentences.get(i)));
        }
        double avgChars = sentences.stream().mapToInt(String::length).average().orElse(0);
        System.out.printf("sentences: %d (avg %.0f chars), cores: %d, batchSize: %d, threads: %d, parallelCalls: %d,"
                + " model: %s, maxLength: %d%n", sentences.size(), avgChars, Runtime.getRuntime().availableProcessors(),
                batch, threads, parallelCalls, quantized ? "int8" : "fp32", maxLength);

        try (RefCountedResources resources = new RefCountedResources();
             MiniLmEncoder braid = new MiniLmEncoder(new MiniLmConfig(quantized, "", batch, maxLength, threads, parallelCalls), resources, env)) {
            AllMiniLmL6V2EmbeddingModel peer = new AllMiniLmL6V2EmbeddingModel();
            braid.encode(items.subList(0, Math.min(200, items.size())));
            peer.embedAll(segments.subList(0, Math.min(200, segments.size())));

            double[] braidMs = new double[rounds];
            double[] peerMs = new double[rounds];
            float[][] ours = null;
            List<Embedding> theirs = null;
            for (int r = 0; r < rounds; r++) {
                long t0 = System.nanoTime();
                List<EncodingResult> res = braid.encode(items);
                braidMs[r] = (System.nanoTime() - t0) / 1e6;
                t0 = System.nanoTime();
                theirs = peer.embedAll(segments).content();
                peerMs[r] = (System.nanoTime() - t0) / 1e6;
                ours = res.stream().map(x -> ((EncodingResult.Success) x).vector()).toArray(float[][]::new);
                System.out.printf("round %d: braid %.0f ms (%.0f/s), langchain4j %.0f ms (%.0f/s)%n", r + 1,
                        braidMs[r], 1000.0 * n / braidMs[r], peerMs[r], 1000.0 * n / peerMs[r]);
            }
            double bMed = median(braidMs);
            double pMed = median(peerMs);
            double minCos = 1;
            double sumCos = 0;
            for (int i = 0; i < ours.length; i++) {
                double c = Vectors.cosine(ours[i], theirs.get(i).vector());
                minCos = Math.min(minCos, c);
                sumCos += c;
            }
            System.out.printf("median: braid %.0f ms = %.1f sentences/s; langchain4j %.0f ms = %.1f sentences/s%n",
                    bMed, 1000.0 * n / bMed, pMed, 1000.0 * n / pMed);
            System.out.printf("speed-up (median): %.2fx%n", pMed / bMed);
            System.out.printf("cosine braid vs langchain4j: min %.6f, mean %.6f%n", minCos, sumCos / ours.length);
        }
    }

    /** Descriptions from the MovieLens items file when present, else generated sentences. */
    static List<String> sentences(Path tsv, int n) throws IOException {
        List<String> out = new ArrayList<>();
        if (Files.isRegularFile(tsv)) {
            List<String> lines = Files.readAllLines(tsv);
            String[] header = lines.get(0).split("\t", -1);
            int col = Arrays.asList(header).indexOf("description");
            for (int i = 1; i < lines.size() && out.size() < n; i++) {
                String[] f = lines.get(i).split("\t", -1);
                if (col >= 0 && col < f.length && !f[col].isBlank()) {
                    out.add(f[col].replace("\"\"", "\"").replaceAll("^\"|\"$", ""));
                }
            }
            System.out.println("sentences from " + tsv);
        }
        Random rnd = new Random(7);
        String[] words = ("the a young old man woman city war love story family secret journey dark night world "
                + "finds must save their home friend against time lost returns small town detective case team "
                + "life death school new york police killer music dream island ship space alien future past")
                .split(" ");
        while (out.size() < n) {
            int len = 8 + rnd.nextInt(40);
            StringBuilder sb = new StringBuilder();
            for (int w = 0; w < len; w++) {
                sb.append(w == 0 ? "" : " ").append(words[rnd.nextInt(words.length)]);
            }
            out.add(sb.append('.').toString());
        }
        return out;
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
