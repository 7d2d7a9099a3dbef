package dev.braid.plugin.fusion;

import dev.braid.api.component.ProgressListener;
import dev.braid.api.compute.ComputeBackend;
import dev.braid.api.data.FeatureMatrix;
import dev.braid.api.data.Modality;
import dev.braid.api.fusion.FusionInput;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The catalog's modalities projected for a trained fusion (gated, transformer): one fitted projector per modality,
 * and every item's unit vector in each modality with a presence mask (an absent modality stays masked, never a
 * zero vector standing in for data).
 *
 * @param projectors one per modality, in the order of the other arrays
 * @param units      {@code units[m]}: {@code items x dimension} unit vectors, row-major (zeros where absent)
 * @param present    {@code present[m][i]}: whether item {@code i} has modality {@code m}
 * @param dimension  the projected dimension
 * @param items      the catalog's size
 */
record ProjectedModalities(List<ModalityProjector> projectors, float[][] units, boolean[][] present, int dimension,
                           int items) {

    /**
     * Fits a projector per configured modality that the input has (all the input's when none is configured, see
     * {@link FusionParams#select}), with progress, then projects every item.
     */
    static ProjectedModalities fit(String who, Set<Modality> configured, FusionInput input,
                                   ModalityProjector.Settings s, ComputeBackend backend, ProgressListener progress) {
        Set<Modality> use = FusionParams.select(who, configured, input);
        progress.start(who + ": fitting " + s.kind().key() + " projections", use.size());
        List<ModalityProjector> projectors = new ArrayList<>();
        for (Modality m : use) {
            projectors.add(ModalityProjector.fit(who, m, input.modalities().get(m), s, input.seed(), backend));
            progress.advance(1);
        }
        progress.finish();
        int n = input.catalog().size();
        int d = s.dimension();
        float[][] units = new float[projectors.size()][n * d];
        boolean[][] present = new boolean[projectors.size()][n];
        for (int m = 0; m < projectors.size(); m++) {
            ModalityProjector p = projectors.get(m);
            FeatureMatrix matrix = input.modalities().get(p.modality());
            for (int i = 0; i < n; i++) {
                float[] row = matrix.row(i);
                if (row != null) {
                    System.arraycopy(p.unit(who, row, backend), 0, units[m], i * d, d);
                    present[m][i] = true;
                }
            }
        }
        return new ProjectedModalities(List.copyOf(projectors), units, present, d, n);
    }

    /** The modality of each projector, in order. */
    List<Modality> modalities() {
        return projectors.stream().map(ModalityProjector::modality).toList();
    }

    /** {@code usable[i]}: whether item {@code i} has at least one modality (only those are trained on). */
    boolean[] usable() {
        boolean[] u = new boolean[items];
        for (boolean[] p : present) {
            for (int i = 0; i < items; i++) {
                u[i] |= p[i];
            }
        }
        return u;
    }
}
