package dev.braid.plugin.fusion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import java.util.Arrays;
import java.util.List;

/**
 * The transformer fusion's forward pass over a batch of items, as DJL NDArray operations (PyTorch engine), so the
 * engine's autograd trains it. Same arithmetic as {@link TransformerWeights#fuse}: tokens
 * {@code u_m W_m + e_m} (plus the [CLS] token), pre-LN encoder layers of multi-head self-attention and a ReLU
 * feed-forward network with residual connections, pooling, a final layer norm, a linear map and L2 normalisation.
 * Absent modalities are masked as attention keys (an additive {@code -1e9}, so their weight is exactly 0 after the
 * softmax) and left out of mean pooling; their token values never reach a present token.
 */
final class TransformerNet {
    static final float MASKED = -1e9f;
    private static final float LN_EPS = 1e-5f;

    private final TransformerShape shape;

    TransformerNet(TransformerShape shape) {
        this.shape = shape;
    }

    /**
     * The batch's inputs as arrays of {@code manager}.
     *
     * @param units   per modality the row-major {@code items x input} reduced unit vectors of the whole catalog
     * @param present per modality and catalog item: is it there
     * @param items   the catalog rows of the batch
     * @return {@code [x (B, M, input), additive key mask (B, 1, 1, T), pooling weights (B, T)]}
     */
    NDList inputs(NDManager manager, float[][] units, boolean[][] present, int[] items) {
        int b = items.length;
        int mCount = shape.modalities();
        int in = shape.input();
        int t = shape.tokens();
        int off = shape.cls() ? 1 : 0;
        float[] x = new float[b * mCount * in];
        float[] mask = new float[b * t];
        float[] pool = new float[b * t];
        for (int r = 0; r < b; r++) {
            int i = items[r];
            int count = 0;
            for (int m = 0; m < mCount; m++) {
                if (present[m][i]) {
                    System.arraycopy(units[m], i * in, x, (r * mCount + m) * in, in);
                    count++;
                } else {
                    mask[r * t + off + m] = MASKED;
                }
            }
            if (shape.cls()) {
                pool[r * t] = 1f;
            } else {
                for (int m = 0; m < mCount; m++) {
                    pool[r * t + m] = present[m][i] ? 1f / count : 0f;
                }
            }
        }
        return new NDList(manager.create(x, new Shape(b, mCount, in)), manager.create(mask, new Shape(b, 1, 1, t)),
                manager.create(pool, new Shape(b, t)));
    }

    /**
     * The L2-normalised fused vectors {@code (B, output)}.
     *
     * @param p      the parameters in {@link TransformerShape#params()} order
     * @param inputs from {@link #inputs}
     */
    NDArray forward(NDList p, NDList inputs) {
        NDArray x = inputs.get(0);
        NDArray mask = inputs.get(1);
        NDArray pool = inputs.get(2);
        long b = x.getShape().get(0);
        int d = shape.model();
        // (B, M, in) -> (M, B, in) x (M, in, D) -> (B, M, D), plus one embedding per modality
        NDArray tokens = x.transpose(1, 0, 2).matMul(p.get(TransformerShape.PROJ_W)).transpose(1, 0, 2)
                .add(p.get(TransformerShape.PROJ_E));
        if (shape.cls()) {
            NDArray cls = p.get(TransformerShape.CLS).reshape(1, 1, d).add(x.getManager().zeros(new Shape(b, 1, d)));
            tokens = cls.concat(tokens, 1);
        }
        for (int l = 0; l < shape.layers(); l++) {
            tokens = layer(p, l, tokens, mask);
        }
        NDArray pooled = tokens.mul(pool.expandDims(2)).sum(new int[] {1});
        NDArray h = layerNorm(pooled, p.get(shape.finalLnG()), p.get(shape.finalLnB()));
        NDArray out = h.matMul(p.get(shape.outW())).add(p.get(shape.outB()));
        return out.div(out.square().sum(new int[] {1}, true).add(1e-12f).sqrt());
    }

    /**
     * Runs the forward pass for {@code items} with the given weights on a fresh engine scope (the reference the
     * plain-Java inference is checked against).
     */
    static float[] forward(TransformerWeights weights, float[][] units, boolean[][] present, int[] items) {
        try (NDManager manager = NDManager.newBaseManager(ai.djl.Device.cpu(), TransformerTrainer.ENGINE)) {
            NDList p = new NDList();
            List<TransformerShape.Param> layout = weights.shape.params();
            float[][] values = weights.values();
            for (int k = 0; k < values.length; k++) {
                p.add(manager.create(values[k], new Shape(Arrays.stream(layout.get(k).shape()).asLongStream()
                        .toArray())));
            }
            TransformerNet net = new TransformerNet(weights.shape);
            return net.forward(p, net.inputs(manager, units, present, items)).toFloatArray();
        }
    }

    private NDArray layer(NDList p, int l, NDArray x, NDArray mask) {
        long b = x.getShape().get(0);
        int t = shape.tokens();
        int d = shape.model();
        int heads = shape.heads();
        int hd = shape.headDim();
        NDArray h = layerNorm(x, w(p, l, TransformerShape.LN1_G), w(p, l, TransformerShape.LN1_B));
        NDArray q = split(h.matMul(w(p, l, TransformerShape.WQ)).add(w(p, l, TransformerShape.BQ)), b, t, heads, hd);
        NDArray k = split(h.matMul(w(p, l, TransformerShape.WK)).add(w(p, l, TransformerShape.BK)), b, t, heads, hd);
        NDArray v = split(h.matMul(w(p, l, TransformerShape.WV)).add(w(p, l, TransformerShape.BV)), b, t, heads, hd);
        NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).mul((float) (1 / Math.sqrt(hd))).add(mask);
        NDArray attention = scores.softmax(3);
        NDArray mixed = attention.matMul(v).transpose(0, 2, 1, 3).reshape(b, t, d);
        x = x.add(mixed.matMul(w(p, l, TransformerShape.WO)).add(w(p, l, TransformerShape.BO)));
        NDArray h2 = layerNorm(x, w(p, l, TransformerShape.LN2_G), w(p, l, TransformerShape.LN2_B));
        NDArray hidden = Activation.relu(h2.matMul(w(p, l, TransformerShape.W1)).add(w(p, l, TransformerShape.B1)));
        return x.add(hidden.matMul(w(p, l, TransformerShape.W2)).add(w(p, l, TransformerShape.B2)));
    }

    private static NDArray w(NDList p, int layer, int which) {
        return p.get(TransformerShape.layer(layer, which));
    }

    /** (B, T, D) -> (B, heads, T, headDim). */
    private static NDArray split(NDArray a, long b, int t, int heads, int hd) {
        return a.reshape(b, t, heads, hd).transpose(0, 2, 1, 3);
    }

    private static NDArray layerNorm(NDArray x, NDArray g, NDArray b) {
        NDArray centred = x.sub(x.mean(new int[] {-1}, true));
        NDArray var = centred.square().mean(new int[] {-1}, true);
        return centred.div(var.add(LN_EPS).sqrt()).mul(g).add(b);
    }
}
