package dev.braid.runtime.pipeline;

import dev.braid.api.component.ProgressListener;
import dev.braid.api.data.Catalog;
import dev.braid.api.data.FeatureMatrix;
import dev.braid.api.data.InteractionMatrix;
import dev.braid.api.data.Modality;
import dev.braid.datasets.Dataset;
import dev.braid.runtime.BraidRuntime;
import dev.braid.runtime.config.BraidConfig;
import dev.braid.runtime.describe.CatalogDescriber;
import dev.braid.runtime.generation.BuiltNode;
import dev.braid.runtime.generation.DescribeStep;
import dev.braid.runtime.generation.Generation;
import dev.braid.runtime.generation.PipelineData;
import dev.braid.runtime.generation.ResolvedComponent;
import dev.braid.runtime.generation.ResolvedPipeline;
import dev.braid.runtime.util.Hashing;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Encodes a configuration's catalog with every distinct encoder its variants use (no fusion, no generators) and
 * writes, per encoder, the vectors as a NumPy {@code .npy} file ({@code float32 [items, dim]}, rows in catalog
 * order, items without a vector left out) with its ids ({@code .ids.txt}, one per row), plus one error list
 * ({@code errors.tsv}: item, modality, kind, message) for the items an encoder could not encode.
 */
public final class CatalogEncoding {
    private final BraidRuntime runtime;
    private final ProgressListener progress;

    public CatalogEncoding(BraidRuntime runtime, ProgressListener progress) {
        this.runtime = runtime;
        this.progress = progress;
    }

    /**
     * What one encoder wrote.
     *
     * @param descriptions for a text encoder after a describe step, the file listing the described items and the
     *                     text the encoder read ({@code descriptions.tsv}); otherwise {@code null}
     * @param described    what that describe step did (counts, failures), or {@code null}
     */
    public record Output(String modality, String encoder, Path vectors, Path ids, int items, int dimension,
                         int failures, Path descriptions, CatalogDescriber.Outcome described) {
    }

    /** Encodes and writes into {@code out}; returns one entry per encoder, and writes {@code errors.tsv}. */
    public List<Output> run(ExperimentRunner.Validated validated, Path out) throws IOException {
        BraidConfig config = validated.config();
        // An encoder reading described text is distinct from the same encoder reading the plain text.
        Map<String, Map.Entry<Modality, ResolvedComponent>> encoders = new LinkedHashMap<>();
        Map<String, DescribeStep> describe = new LinkedHashMap<>();
        for (ResolvedPipeline p : validated.pipelines()) {
            for (Map.Entry<Modality, ResolvedComponent> e : p.encoders().entrySet()) {
                DescribeStep step = e.getKey() == Modality.TEXT ? p.describe() : null;
                String key = e.getValue().identity().canonical() + (step == null ? "" : "|" + step.canonical());
                if (encoders.putIfAbsent(key, e) == null && step != null) {
                    describe.put(key, step);
                }
            }
        }
        Dataset dataset = DatasetLoader.load(config.dataset(), config.baseDir(), runtime.home().cache(), progress);
        Catalog catalog = dataset.catalog();
        PipelineData data = new PipelineData(dataset.name(), catalog,
                InteractionMatrix.of(catalog, dataset.interactions()),
                Hashing.sha256Hex(dataset.fingerprint() + "|encode"), 0L);
        Files.createDirectories(out);
        Map<Modality, Integer> perModality = new LinkedHashMap<>();
        encoders.values().forEach(e -> perModality.merge(e.getKey(), 1, Integer::sum));
        List<Output> outputs = new ArrayList<>();
        List<BuiltNode.ItemFailure> failures = new ArrayList<>();
        try (PipelineServices services = new PipelineServices(runtime, config.backend(), config.baseDir(), 0L)) {
            int number = 0;
            for (Map.Entry<String, Map.Entry<Modality, ResolvedComponent>> ke : encoders.entrySet()) {
                Map.Entry<Modality, ResolvedComponent> e = ke.getValue();
                Modality modality = e.getKey();
                ResolvedComponent rc = e.getValue();
                ResolvedPipeline only = new ResolvedPipeline("encode-" + modality.key(), Map.of(modality, rc), null,
                        List.of(), java.util.Set.of(), describe.get(ke.getKey()));
                Generation g = services.builder().build(++number, only, data, progress);
                try {
                    FeatureMatrix m = g.features().modalities().get(modality);
                    String base = perModality.get(modality) > 1 ? modality.key() + "-" + rc.spec().name()
                            + (describe.containsKey(ke.getKey()) ? "-described" : "") : modality.key();
                    Path vectors = out.resolve(base + ".npy");
                    Path ids = out.resolve(base + ".ids.txt");
                    writeNpy(vectors, ids, catalog, m);
                    failures.addAll(g.failures());
                    Path descriptions = null;
                    if (g.described().isPresent()) {
                        descriptions = out.resolve(perModality.get(modality) > 1 ? "descriptions-" + base + ".tsv"
                                : "descriptions.tsv");
                        writeDescriptions(descriptions, g.described().get());
                    }
                    outputs.add(new Output(modality.key(), rc.spec().name(), vectors, ids, m.presentCount(), m.dim(),
                            g.failures().size(), descriptions, g.described().orElse(null)));
                } finally {
                    g.retire();
                }
            }
        }
        writeErrors(out.resolve("errors.tsv"), failures);
        return outputs;
    }

    static void writeNpy(Path vectors, Path ids, Catalog catalog, FeatureMatrix m) throws IOException {
        int rows = m.presentCount();
        int dim = m.dim();
        String header = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + rows + ", " + dim + "), }";
        int total = 10 + header.length() + 1;
        int pad = (64 - total % 64) % 64;
        header = header + " ".repeat(pad) + "\n";
        try (OutputStream os = new java.io.BufferedOutputStream(Files.newOutputStream(vectors), 1 << 16);
             BufferedWriter idOut = Files.newBufferedWriter(ids, StandardCharsets.UTF_8)) {
            ByteBuffer head = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
            head.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0)
                    .putShort((short) header.length());
            os.write(head.array());
            os.write(header.getBytes(StandardCharsets.US_ASCII));
            ByteBuffer row = ByteBuffer.allocate(4 * dim).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < m.rows(); i++) {
                if (!m.isPresent(i)) {
                    continue;
                }
                row.clear();
                row.asFloatBuffer().put(m.row(i));
                os.write(row.array());
                idOut.write(catalog.item(i).id());
                idOut.newLine();
            }
        }
    }

    /** The described items (in catalog order) with the text the text encoder read, one line each. */
    static void writeDescriptions(Path file, CatalogDescriber.Outcome outcome) throws IOException {
        java.util.Set<String> described = new java.util.HashSet<>(outcome.described());
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("item\ttext");
            w.newLine();
            for (dev.braid.api.data.Item item : outcome.catalog().items()) {
                if (described.contains(item.id())) {
                    w.write(clean(item.id()) + "\t" + clean(item.content().text()));
                    w.newLine();
                }
            }
        }
    }

    static void writeErrors(Path file, List<BuiltNode.ItemFailure> failures) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("item\tmodality\tkind\tmessage");
            w.newLine();
            for (BuiltNode.ItemFailure f : failures) {
                w.write(clean(f.itemId()) + "\t" + clean(f.modality()) + "\t" + clean(f.kind()) + "\t"
                        + clean(f.message()));
                w.newLine();
            }
        }
    }

    private static String clean(String s) {
        return s == null ? "" : s.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }
}
