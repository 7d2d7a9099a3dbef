package dev.braid.api.fusion;

import java.util.ArrayList;
import java.util.List;

/**
 * The weight vectors on the simplex whose entries are multiples of a step ({@code m} entries summing to 1): the
 * candidates a fusion strategy or a late-fusion generator tries when it chooses per-modality weights on held-out
 * data. The grid holds every single-modality corner, so a search over it can always fall back to the best modality.
 *
 * <pre>{@code
 * double best = Double.NEGATIVE_INFINITY;
 * double[] chosen = null;
 * for (double[] w : SimplexGrid.points(modalities.size(), 0.1)) { // 66 points for three modalities
 *     double quality = validate(w);
 *     if (quality > best) { best = quality; chosen = w; }
 * }
 * }</pre>
 *
 * @since fusion 1.1.0
 */
public final class SimplexGrid {
    private SimplexGrid() {
    }

    /**
     * Every composition of {@code round(1 / step)} units into {@code m} non-negative parts, as weights: for
     * {@code m = 3} and step 0.1, 66 points, the three single-modality corners among them.
     *
     * @throws IllegalArgumentException when {@code step} is not in (0, 1] or {@code m < 1}
     */
    public static List<double[]> points(int m, double step) {
        if (!(step > 0 && step <= 1)) {
            throw new IllegalArgumentException("gridStep: must be in (0, 1], got " + step);
        }
        if (m < 1) {
            throw new IllegalArgumentException("a weight grid needs at least one modality");
        }
        int units = (int) Math.round(1 / step);
        List<double[]> out = new ArrayList<>();
        compositions(new int[m], 0, units, units, out);
        return out;
    }

    private static void compositions(int[] parts, int index, int left, int units, List<double[]> out) {
        if (index == parts.length - 1) {
            parts[index] = left;
            double[] w = new double[parts.length];
            for (int i = 0; i < parts.length; i++) {
                w[i] = parts[i] / (double) units;
            }
            out.add(w);
            return;
        }
        for (int p = 0; p <= left; p++) {
            parts[index] = p;
            compositions(parts, index + 1, left - p, units, out);
        }
    }
}
