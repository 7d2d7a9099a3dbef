package dev.braid.runtime.cli;

import dev.braid.api.data.Catalog;
import dev.braid.api.data.FeatureMatrix;
import dev.braid.api.data.InteractionMatrix;
import dev.braid.api.data.Item;
import dev.braid.api.data.Modality;
import dev.braid.api.encoder.TrainableEncoder;
import dev.braid.datasets.Dataset;
import dev.braid.runtime.BraidRuntime;
import dev.braid.runtime.config.BraidConfig;
import dev.braid.runtime.generation.Generation;
import dev.braid.runtime.generation.PipelineData;
import dev.braid.runtime.generation.ResolvedComponent;
import dev.braid.runtime.generation.ResolvedPipeline;
import dev.braid.runtime.pipeline.DatasetLoader;
import dev.braid.runtime.pipeline.ExperimentRunner;
import dev.braid.runtime.pipeline.PipelineServices;
import dev.braid.runtime.util.Hashing;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code braid train-encoder}: trains a configuration's encoder of one modality (a {@link TrainableEncoder}, e.g.
 * {@code image-aligned}) to predict the vectors the configuration's encoder of another modality (the teacher, e.g.
 * {@code minilm} on text) gives the same items, and writes its model file.
 */
@Command(name = "train-encoder", mixinStandardHelpOptions = true,
        description = {"Train a configuration's encoder of one modality (e.g. image-aligned) to predict each item's "
                + "vector from the configuration's encoder of another modality (the teacher, e.g. minilm on text), "
                + "on the catalog's items that have both, and write its model file.",
            "Then `encoders: {image: {name: image-aligned, model: MODEL}}` encodes images into the teacher's space."})
public final class TrainEncoderCommand implements Callable<Integer> {
    @Mixin
    ConfigurationOptions config;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "MODEL", description = "the model file to write "
            + "(replaced atomically; a MODEL.properties summary is written beside it)")
    Path out;

    @Option(names = {"-m", "--modality"}, defaultValue = "image", paramLabel = "MODALITY",
            description = "the modality whose encoder is trained (default: ${DEFAULT-VALUE})")
    String modality;

    @Option(names = {"-t", "--teacher"}, defaultValue = "text", paramLabel = "MODALITY",
            description = "the modality whose encoder gives the target vectors (default: ${DEFAULT-VALUE})")
    String teacher;

    @Option(names = "--variant", paramLabel = "NAME", description = "take both encoders from this variant "
            + "(default: the first variant that has both)")
    String variant;

    @Option(names = "--exclude-test-items", description = "leave out the items the configuration's evaluation split "
            + "keeps on the test side only (the cold items of a cold-items split), so that a cold-start evaluation "
            + "never trained on their content")
    boolean excludeTestItems;

    @Override
    public Integer call() {
        Modality student = modality(modality, "--modality");
        Modality source = modality(teacher, "--teacher");
        if (student == source) {
            throw new BadInputException("--modality and --teacher are both " + student.key());
        }
        PrintWriter pw = config.out();
        try (ConfiguredRun run = config.start()) {
            BraidConfig cfg = run.config();
            BraidRuntime rt = run.runtime();
            ConsoleProgress progress = run.progress();
            ExperimentRunner.Validated validated = run.validated();
            ResolvedPipeline pipeline = choose(validated.pipelines(), student, source);
            ResolvedComponent studentRc = pipeline.encoders().get(student);
            ResolvedComponent teacherRc = pipeline.encoders().get(source);
            Dataset dataset = DatasetLoader.load(cfg.dataset(), cfg.baseDir(), rt.home().cache(), progress);
            Catalog catalog = dataset.catalog();
            Set<String> excluded = excludeTestItems
                    ? ExperimentRunner.testOnlyItems(dataset, validated.evaluation(), cfg.baseDir()) : Set.of();
            PipelineData data = new PipelineData(dataset.name(), catalog,
                    InteractionMatrix.of(catalog, dataset.interactions()),
                    Hashing.sha256Hex(dataset.fingerprint() + "|train-encoder"), 0L);
            try (PipelineServices services = new PipelineServices(rt, cfg.backend(), cfg.baseDir(), 0L)) {
                FeatureMatrix targets = teacherVectors(services, teacherRc, source, data, excluded, progress);
                Object instance = services.factory().create(studentRc.descriptor(), studentRc.config(),
                        studentRc.spec().path());
                if (!(instance instanceof TrainableEncoder trainable)) {
                    if (instance instanceof AutoCloseable c) {
                        c.close();
                    }
                    throw new BadInputException(student.key() + " encoder '" + studentRc.spec().name() + "' at "
                            + studentRc.spec().path() + " cannot be trained (it is not a TrainableEncoder); "
                            + "trainable: image-aligned");
                }
                try (trainable) {
                    Thread thread = Thread.currentThread();
                    ClassLoader previous = thread.getContextClassLoader();
                    thread.setContextClassLoader(trainable.getClass().getClassLoader());
                    TrainableEncoder.Report r;
                    try {
                        r = trainable.train(catalog.items(), targets, source.key() + ":" + teacherRc.spec().name(),
                                out, progress);
                    } catch (IllegalArgumentException e) {
                        throw new BadInputException(e.getMessage(), e);
                    } finally {
                        thread.setContextClassLoader(previous);
                    }
                    pw.printf("trained %s (%s) on %d items, validated on %d%s; teacher %s:%s%n",
                            studentRc.spec().name(), student.key(), r.trainItems(), r.validationItems(),
                            excluded.isEmpty() ? "" : " (" + excluded.size() + " test-only items left out)",
                            source.key(), teacherRc.spec().name());
                    pw.printf("epochs %d, best %d; validation cosine %.4f (baseline, mean training target: %.4f)%n",
                            r.epochs(), r.bestEpoch(), r.validationCosine(), r.baselineCosine());
                    pw.printf("model -> %s%n", r.model());
                    pw.flush();
                }
            }
            return Main.OK;
        } catch (IOException e) {
            throw new BadInputException("cannot write the model to " + out + ": " + e.getMessage(), e);
        } catch (BadInputException | dev.braid.runtime.config.ConfigException e) {
            throw e;
        } catch (Exception e) {
            throw e instanceof RuntimeException re ? re : new IllegalStateException(e.getMessage(), e);
        }
    }

    /** The teacher's vectors of every item; rows of excluded items left absent. */
    private static FeatureMatrix teacherVectors(PipelineServices services, ResolvedComponent rc, Modality source,
                                                PipelineData data, Set<String> excluded,
                                                ConsoleProgress progress) {
        ResolvedPipeline only = new ResolvedPipeline("teacher-" + source.key(), Map.of(source, rc), null, List.of());
        Generation g = services.builder().build(1, only, data, progress);
        try {
            FeatureMatrix m = g.features().modalities().get(source);
            List<Item> items = data.catalog().items();
            float[][] rows = new float[items.size()][];
            for (int i = 0; i < items.size(); i++) {
                if (m.isPresent(i) && !excluded.contains(items.get(i).id())) {
                    rows[i] = m.row(i);
                }
            }
            return FeatureMatrix.ofRows(m.dim(), rows);
        } finally {
            g.retire();
        }
    }

    private ResolvedPipeline choose(List<ResolvedPipeline> pipelines, Modality student, Modality source) {
        for (ResolvedPipeline p : pipelines) {
            if (variant != null ? p.name().equals(variant)
                    : p.encoders().containsKey(student) && p.encoders().containsKey(source)) {
                if (!p.encoders().containsKey(student) || !p.encoders().containsKey(source)) {
                    throw new BadInputException("variant '" + variant + "' of " + config.file() + " lacks an encoder "
                            + "for " + (p.encoders().containsKey(student) ? source.key() : student.key()));
                }
                return p;
            }
        }
        throw new BadInputException(variant != null ? "no variant '" + variant + "' in " + config.file()
                : config.file() + " has no variant with both a " + student.key() + " and a " + source.key()
                        + " encoder");
    }

    private static Modality modality(String key, String option) {
        try {
            return Modality.parse(key);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(option + ": " + e.getMessage());
        }
    }
}
