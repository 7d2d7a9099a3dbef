package dev.braid.plugin.fusion;

import dev.braid.api.data.Modality;
import dev.braid.api.fusion.FusionInput;
import dev.braid.api.fusion.ModalityVectors;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rule every learned fusion follows: it never ends below the best single modality it contains on its own
 * validation split. Each modality alone is represented as {@code concat} represents one modality (standardised,
 * L2-normalised full vector, see {@link Block}), which is also what a single-modality variant of the pipeline
 * fuses, and scored with the strategy's objective on the strategy's split ({@link WeightedBlocksObjective}: the same
 * held-out items and sampled negatives as the strategy's validation AUC). When the strategy's best validation AUC
 * does not beat the best single modality's, the strategy keeps that modality alone: its fused vector is that
 * modality's vector, an item without it has none. The decision is logged (WARN when a modality is kept, INFO
 * otherwise) with both figures.
 */
final class BestInputRule {
    private static final Logger LOG = LoggerFactory.getLogger(BestInputRule.class);

    private BestInputRule() {
    }

    /**
     * What the rule decided.
     *
     * @param strategy   the strategy's name
     * @param fusedAuc   the strategy's validation AUC (its kept epoch)
     * @param singleAucs the validation AUC of each modality alone, in the strategy's modality order
     * @param best       the modality with the highest single AUC (the first on ties)
     * @param kept       that modality's block when the strategy keeps it alone, else null
     */
    record Outcome(String strategy, double fusedAuc, Map<Modality, Double> singleAucs, Modality best, Block kept) {

        boolean keepsSingle() {
            return kept != null;
        }

        /** The kept modality's vector alone (standardised, unit length), null when the item lacks it. */
        float[] fuse(ModalityVectors vectors) {
            if (!vectors.has(kept.modality())) {
                return null;
            }
            float[] out = new float[kept.dim()];
            kept.write(vectors.get(kept.modality()).orElseThrow(), 1.0, out);
            return out;
        }

        /** Weight 1 for the kept modality, 0 for the others. */
        Map<Modality, Double> weights(Collection<Modality> fused) {
            EnumMap<Modality, Double> w = new EnumMap<>(Modality.class);
            fused.forEach(m -> w.put(m, m == kept.modality() ? 1.0 : 0.0));
            return Collections.unmodifiableMap(w);
        }

        /** One line for reports: which output was kept and the validation figures behind it. */
        String summary() {
            List<String> singles = new ArrayList<>();
            singleAucs.forEach((m, a) -> singles.add(m.key() + " alone " + fmt(a)));
            if (Double.isNaN(fusedAuc)) {
                return strategy + " kept: no held-out interactions to compare it with its single modalities";
            }
            if (keepsSingle()) {
                return String.format(Locale.ROOT, "%s alone kept: %s validation AUC %s does not beat it (%s)",
                        best.key(), strategy, fmt(fusedAuc), String.join(", ", singles));
            }
            return String.format(Locale.ROOT, "%s kept: validation AUC %s beats every single modality (%s)",
                    strategy, fmt(fusedAuc), String.join(", ", singles));
        }
    }

    /**
     * Scores each of {@code modalities} alone on {@code split} and decides.
     *
     * @param fusedAuc    the strategy's validation AUC on {@code split} (NaN when nothing is held out: the
     *                    strategy's output stays)
     * @param minStdRatio the std floor of the single-modality standardisation
     */
    static Outcome apply(String strategy, double fusedAuc, List<Modality> modalities, FusionInput input,
                         InteractionSplit split, double minStdRatio) {
        List<Block> blocks = new ArrayList<>();
        for (Modality m : modalities) {
            blocks.add(Block.fit(m, 0, 1.0, input.modalities().get(m), minStdRatio));
        }
        WeightedBlocksObjective objective = new WeightedBlocksObjective(blocks, input, split);
        Map<Modality, Double> singles = new LinkedHashMap<>();
        int best = 0;
        for (int m = 0; m < blocks.size(); m++) {
            double auc = objective.single(m);
            singles.put(modalities.get(m), auc);
            if (auc > singles.get(modalities.get(best))) {
                best = m;
            }
        }
        double bestAuc = singles.get(modalities.get(best));
        boolean keep = !Double.isNaN(fusedAuc) && !(fusedAuc > bestAuc);
        Outcome o = new Outcome(strategy, fusedAuc, Collections.unmodifiableMap(singles), modalities.get(best),
                keep ? blocks.get(best) : null);
        if (keep) {
            LOG.warn("{}: validation AUC {} does not beat {} alone ({}); keeping {} alone (single modalities: {})",
                    strategy, fmt(fusedAuc), o.best().key(), fmt(bestAuc), o.best().key(), figures(singles));
        } else if (Double.isNaN(fusedAuc)) {
            LOG.info("{}: no held-out interactions; its single modalities cannot be compared with it", strategy);
        } else {
            LOG.info("{}: validation AUC {} beats the best single modality, {} alone ({}; single modalities: {})",
                    strategy, fmt(fusedAuc), o.best().key(), fmt(bestAuc), figures(singles));
        }
        return o;
    }

    private static String figures(Map<Modality, Double> singles) {
        List<String> s = new ArrayList<>();
        singles.forEach((m, a) -> s.add(m.key() + " " + fmt(a)));
        return String.join(", ", s);
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
