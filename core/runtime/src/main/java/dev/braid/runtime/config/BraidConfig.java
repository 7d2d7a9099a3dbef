package dev.braid.runtime.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braid.api.kind.ComponentKind;
import dev.braid.api.data.Modality;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Braid configuration file: the dataset, the pipeline (encoders per modality, fusion, generators and rules),
 * optional named variants that override parts of it, the evaluation protocol and the outputs. Parsing checks the
 * structure and reports every problem with its path; components and their parameters are checked against the
 * plugins available by {@code PipelineResolver}.
 *
 * <pre>
 * name: demo
 * dataset: {type: demo}
 * compute: {backend: reference}
 * encoders: {text: {name: tfidf}, image: color-histogram, audio: audio-stats}
 * fusion: concat
 * generators: [content-profile, {name: rules, excludeSeen: true}]
 * describe: {name: llm-describe, mode: missing, endpoint: {...}}   # text from images, before the text encoder
 * variants:
 *   - {name: text-only, modalities: [text]}
 *   - {name: fused}
 *   - {name: fused-no-image, dropAtTest: [image]}   # fitted with image, evaluated without it
 * evaluation: {split: {type: random, ratio: 0.8}, threshold: 4, k: [10, 20], seed: 42}
 * output: {json: out/report.json, html: out/report.html}
 * </pre>
 *
 * @param file       the file read
 * @param baseDir    the folder relative paths are resolved against (the file's folder)
 * @param name       the experiment name
 * @param dataset    the dataset node (read by the dataset loader)
 * @param backend    the compute backend name
 * @param variants   the pipelines to build (one, "default", when no variants are declared)
 * @param evaluation the evaluation node (read by the experiment runner), or null
 * @param output     the output node, or null
 * @param serve      the serve node, or null
 */
public record BraidConfig(Path file, Path baseDir, String name, JsonNode dataset, String backend,
                          List<PipelineSpec> variants, JsonNode evaluation, JsonNode output, JsonNode serve) {

    private static final Set<String> TOP = Set.of("name", "dataset", "compute", "encoders", "fusion", "generators",
            "variants", "evaluation", "output", "serve", "spark", "describe");
    private static final Set<String> VARIANT = Set.of("name", "modalities", "encoders", "fusion", "generators",
            "dropAtTest", "describe");

    /** Reads and checks a configuration file. */
    public static BraidConfig load(Path file) {
        JsonNode root;
        try {
            root = ParamBinder.mapper().readTree(interpolate(Files.readString(file), System.getenv()));
        } catch (NoSuchFileException e) {
            throw new ConfigException(file.toString(), "", "file not found: " + file.toAbsolutePath());
        } catch (IOException e) {
            throw new ConfigException(file.toString(), "", "cannot read: " + e.getMessage()
                    .replaceAll("\\s*\\(through reference chain.*", ""));
        }
        Path base = file.toAbsolutePath().getParent();
        return parse(root, file, base);
    }

    private static final java.util.regex.Pattern VARIABLE = java.util.regex.Pattern.compile(
            "\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

    /**
     * Replaces {@code ${NAME}} and {@code ${NAME:-default}} with environment variables, so one file serves several
     * machines (e.g. {@code path: ${BRAID_DATASETS:-../datasets}/ml-100k}).
     *
     * @throws ConfigException naming a variable that is unset and has no default
     */
    public static String interpolate(String text, Map<String, String> env) {
        java.util.regex.Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = env.get(m.group(1));
            if (value == null || value.isEmpty()) {
                value = m.group(2);
            }
            if (value == null) {
                throw new ConfigException("", "", "environment variable " + m.group(1) + " is not set and ${"
                        + m.group(1) + "} has no default (write ${" + m.group(1) + ":-default})");
            }
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Checks a parsed configuration. */
    public static BraidConfig parse(JsonNode root, Path file, Path baseDir) {
        String source = file == null ? "" : file.toString();
        if (root == null || !root.isObject()) {
            throw new ConfigException(source, "", "expected a YAML map at the top level");
        }
        List<ConfigProblem> problems = new ArrayList<>();
        unknownKeys(root, TOP, "", problems);
        String name = root.path("name").asText(file == null ? "braid" : stripExtension(file.getFileName()
                .toString()));
        JsonNode dataset = root.get("dataset");
        if (dataset == null || !dataset.isObject()) {
            problems.add(new ConfigProblem("dataset", "missing; declare e.g. {type: demo}, {type: movielens, "
                    + "path: ...} or {type: tabular, catalog: ..., interactions: ...}"));
        }
        String backend = root.path("compute").path("backend").asText("reference");

        Map<Modality, ComponentSpec> encoders = encoders(root.get("encoders"), "encoders", problems);
        ComponentSpec fusion = component(root.get("fusion"), "fusion", ComponentKind.FUSION, problems);
        List<ComponentSpec> generators = generators(root.get("generators"), "generators", problems);
        DescribeSpec describe = describe(root.get("describe"), "describe", problems);

        List<PipelineSpec> variants = new ArrayList<>();
        JsonNode vs = root.get("variants");
        if (vs == null || vs.isNull()) {
            variants.add(new PipelineSpec("default", "", encoders, fusion, generators, Set.of(),
                    encoders.containsKey(Modality.TEXT) ? describe : null));
        } else if (!vs.isArray() || vs.isEmpty()) {
            problems.add(new ConfigProblem("variants", "expected a non-empty list of variants"));
        } else {
            Set<String> names = new HashSet<>();
            for (int i = 0; i < vs.size(); i++) {
                String p = "variants[" + i + "]";
                JsonNode v = vs.get(i);
                if (!v.isObject()) {
                    problems.add(new ConfigProblem(p, "expected a map with a 'name'"));
                    continue;
                }
                unknownKeys(v, VARIANT, p, problems);
                String vname = v.path("name").asText("");
                if (vname.isBlank()) {
                    problems.add(new ConfigProblem(p + ".name", "missing the variant's name"));
                } else if (!names.add(vname)) {
                    problems.add(new ConfigProblem(p + ".name", "duplicate variant name '" + vname + "'"));
                }
                Map<Modality, ComponentSpec> venc = new EnumMap<>(Modality.class);
                venc.putAll(encoders);
                if (v.has("encoders")) {
                    venc.putAll(encoders(v.get("encoders"), p + ".encoders", problems));
                }
                if (v.has("modalities")) {
                    Set<Modality> keep = modalities(v.get("modalities"), p + ".modalities", venc, problems);
                    venc.keySet().retainAll(keep);
                }
                ComponentSpec vf = v.has("fusion") ? component(v.get("fusion"), p + ".fusion", ComponentKind.FUSION,
                        problems) : fusion;
                List<ComponentSpec> vg = v.has("generators") ? generators(v.get("generators"), p + ".generators",
                        problems) : generators;
                // a variant may declare its own describe step, or none (describe: none)
                DescribeSpec vd = v.has("describe") ? describe(v.get("describe"), p + ".describe", problems)
                        : describe;
                Set<Modality> drop = Set.of();
                if (v.has("dropAtTest")) {
                    drop = modalities(v.get("dropAtTest"), p + ".dropAtTest", venc, problems);
                    if (!venc.isEmpty() && drop.containsAll(venc.keySet())) {
                        problems.add(new ConfigProblem(p + ".dropAtTest", "drops every modality of the variant; "
                                + "keep at least one"));
                    }
                }
                variants.add(new PipelineSpec(vname, p, venc, venc.isEmpty() ? null : vf, vg, drop,
                        venc.containsKey(Modality.TEXT) ? vd : null));
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(source, problems);
        }
        return new BraidConfig(file, baseDir, name, dataset, backend, variants, root.get("evaluation"),
                root.get("output"), root.get("serve"));
    }

    /** The variant of this name. */
    public PipelineSpec variant(String variantName) {
        return variants.stream().filter(v -> v.name().equals(variantName)).findFirst().orElseThrow(() ->
                new ConfigException(String.valueOf(file), "variants", "no variant named '" + variantName
                        + "'; declared: " + variants.stream().map(PipelineSpec::name).toList()));
    }

    private static Map<Modality, ComponentSpec> encoders(JsonNode node, String path, List<ConfigProblem> problems) {
        Map<Modality, ComponentSpec> out = new EnumMap<>(Modality.class);
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isObject()) {
            problems.add(new ConfigProblem(path, "expected a map from modality (text, image, audio) to encoder"));
            return out;
        }
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            try {
                Modality m = Modality.parse(e.getKey());
                ComponentSpec c = component(e.getValue(), path + "." + e.getKey(), ComponentKind.ENCODER, problems);
                if (c != null) {
                    out.put(m, c);
                }
            } catch (IllegalArgumentException ex) {
                problems.add(new ConfigProblem(path + "." + e.getKey(), ex.getMessage()));
            }
        }
        return out;
    }

    private static ComponentSpec component(JsonNode node, String path, ComponentKind kind,
                                           List<ConfigProblem> problems) {
        if (node == null || node.isNull() || (node.isTextual() && node.asText().equals("none"))) {
            return null;
        }
        try {
            return ComponentSpec.read(node, path, kind);
        } catch (ConfigException e) {
            problems.addAll(e.problems());
            return null;
        }
    }

    private static DescribeSpec describe(JsonNode node, String path, List<ConfigProblem> problems) {
        if (node == null || node.isNull() || (node.isTextual() && node.asText().equals("none"))) {
            return null;
        }
        return DescribeSpec.read(node, path, problems);
    }

    private static List<ComponentSpec> generators(JsonNode node, String path, List<ConfigProblem> problems) {
        List<ComponentSpec> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isArray()) {
            problems.add(new ConfigProblem(path, "expected a list of generators, first to last"));
            return out;
        }
        for (int i = 0; i < node.size(); i++) {
            ComponentSpec c = component(node.get(i), path + "[" + i + "]", ComponentKind.GENERATOR, problems);
            if (c != null) {
                out.add(c);
            }
        }
        return out;
    }

    private static Set<Modality> modalities(JsonNode node, String path, Map<Modality, ComponentSpec> available,
                                            List<ConfigProblem> problems) {
        Set<Modality> out = new HashSet<>();
        if (!node.isArray()) {
            problems.add(new ConfigProblem(path, "expected a list such as [text, image]"));
            return out;
        }
        for (int i = 0; i < node.size(); i++) {
            try {
                Modality m = Modality.parse(node.get(i).asText());
                if (!available.containsKey(m)) {
                    problems.add(new ConfigProblem(path + "[" + i + "]", "no encoder is declared for " + m.key()));
                }
                out.add(m);
            } catch (IllegalArgumentException e) {
                problems.add(new ConfigProblem(path + "[" + i + "]", e.getMessage()));
            }
        }
        return out;
    }

    private static void unknownKeys(JsonNode node, Set<String> allowed, String path, List<ConfigProblem> problems) {
        node.fieldNames().forEachRemaining(k -> {
            if (!allowed.contains(k)) {
                problems.add(new ConfigProblem(path.isEmpty() ? k : path + "." + k, "unknown key; expected one of "
                        + String.join(", ", new java.util.TreeSet<>(allowed))));
            }
        });
    }

    private static String stripExtension(String n) {
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    /** An empty object node. */
    static ObjectNode emptyNode() {
        return ParamBinder.empty();
    }
}
