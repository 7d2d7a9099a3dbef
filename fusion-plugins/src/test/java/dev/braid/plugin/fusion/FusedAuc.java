package dev.braid.plugin.fusion;

import dev.braid.api.data.Modality;
import dev.braid.api.fusion.FusionInput;
import dev.braid.api.fusion.FusionStrategy;
import dev.braid.api.fusion.ModalityVectors;
import java.util.List;
import java.util.Map;

/** The validation AUC of a fitted strategy's actual output, and of the best single modality, on a split. */
final class FusedAuc {
    private FusedAuc() {
    }

    /** Items with at least one modality. */
    static boolean[] usable(FusionInput in) {
        boolean[] u = new boolean[in.catalog().size()];
        for (int i = 0; i < u.length; i++) {
            u[i] = !in.row(i).isEmpty();
        }
        return u;
    }

    /** The validation AUC of what {@code f} actually outputs for every catalog item, on {@code split}. */
    static double auc(FusionStrategy f, FusionInput in, InteractionSplit split) {
        int n = in.catalog().size();
        int dim = f.dimension();
        float[] unit = new float[n * dim];
        for (int i = 0; i < n; i++) {
            ModalityVectors v = in.row(i);
            float[] x = v.isEmpty() ? null : f.fuse(v);
            if (x != null) {
                System.arraycopy(x, 0, unit, i * dim, dim);
            }
        }
        InteractionSplit.normaliseRows(unit, n, dim);
        return split.auc(unit, dim);
    }

    /** {@code concat} of one modality, as a single-modality variant fuses it. */
    static ConcatFusion single(Modality m, FusionInput in) {
        ConcatFusion f = new ConcatFusion(new ConcatConfig(Map.of(), List.of(m.key())));
        f.fit(in, dev.braid.api.component.ProgressListener.NONE);
        return f;
    }

    /** The best validation AUC of any single modality's output on {@code split}. */
    static double bestSingle(FusionInput in, InteractionSplit split) {
        double best = Double.NEGATIVE_INFINITY;
        for (Modality m : in.modalities().keySet()) {
            best = Math.max(best, auc(single(m, in), in, split));
        }
        return best;
    }
}
