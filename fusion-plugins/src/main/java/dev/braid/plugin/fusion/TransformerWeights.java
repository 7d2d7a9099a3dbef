package dev.braid.plugin.fusion;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

/**
 * Trained transformer parameters as plain float arrays, and the forward pass of one item in Java. Serving fuses
 * single items (a few tokens of width {@code d_model}), where a native engine call per item costs more than the
 * arithmetic; this class computes exactly what {@link TransformerNet} computes, without the engine. Immutable and
 * thread-safe: every call allocates its own scratch space.
 */
final class TransformerWeights {
    private static final double LN_EPS = 1e-5;
    final TransformerShape shape;
    private final float[][] p;

    TransformerWeights(TransformerShape shape, float[][] values) {
        List<TransformerShape.Param> layout = shape.params();
        if (values.length != layout.size()) {
            throw new IllegalArgumentException("transformer: " + values.length + " parameter tensors, expected "
                    + layout.size());
        }
        for (int k = 0; k < values.length; k++) {
            if (values[k].length != layout.get(k).size()) {
                throw new IllegalArgumentException("transformer: parameter " + layout.get(k).name() + " has "
                        + values[k].length + " values, expected " + layout.get(k).size());
            }
        }
        this.shape = shape;
        this.p = values;
    }

    /** A copy of the parameter tensors in layout order. */
    float[][] values() {
        float[][] c = new float[p.length][];
        for (int k = 0; k < p.length; k++) {
            c[k] = p[k].clone();
        }
        return c;
    }

    /**
     * Fuses one item.
     *
     * @param u         per modality the reduced unit vector, or null when the item lacks it (the token is left out:
     *                  attention never sees it)
     * @param attention when not null, receives per modality the last layer's attention of the pooling query (the
     *                  [CLS] token, or the mean over the present tokens) on that modality's token, averaged over
     *                  heads and renormalised over the modality tokens; 0 for absent modalities
     * @return the L2-normalised fused vector, or null when no modality is present
     */
    float[] fuse(float[][] u, double[] attention) {
        int mCount = shape.modalities();
        int d = shape.model();
        int in = shape.input();
        int present = 0;
        for (float[] v : u) {
            present += v == null ? 0 : 1;
        }
        if (present == 0) {
            return null;
        }
        int off = shape.cls() ? 1 : 0;
        int t = present + off;
        int[] modalityOf = new int[t];
        double[][] x = new double[t][d];
        if (shape.cls()) {
            modalityOf[0] = -1;
            for (int c = 0; c < d; c++) {
                x[0][c] = p[TransformerShape.CLS][c];
            }
        }
        float[] w = p[TransformerShape.PROJ_W];
        float[] e = p[TransformerShape.PROJ_E];
        for (int m = 0, k = off; m < mCount; m++) {
            if (u[m] == null) {
                continue;
            }
            modalityOf[k] = m;
            for (int c = 0; c < d; c++) {
                double s = e[m * d + c];
                for (int r = 0; r < in; r++) {
                    s += u[m][r] * w[(m * in + r) * d + c];
                }
                x[k][c] = s;
            }
            k++;
        }
        double[][] lastAttention = null;
        for (int l = 0; l < shape.layers(); l++) {
            lastAttention = layer(l, x);
        }
        double[] pooled = new double[d];
        if (shape.cls()) {
            pooled = x[0].clone();
        } else {
            for (double[] row : x) {
                for (int c = 0; c < d; c++) {
                    pooled[c] += row[c] / t;
                }
            }
        }
        double[] h = layerNorm(pooled, p[shape.finalLnG()], p[shape.finalLnB()]);
        double[] out = linear(h, p[shape.outW()], p[shape.outB()], d, shape.output());
        double norm = 0;
        for (double v : out) {
            norm += v * v;
        }
        norm = Math.sqrt(norm);
        float[] f = new float[out.length];
        for (int c = 0; c < out.length; c++) {
            f[c] = (float) (norm > 0 ? out[c] / norm : 0);
        }
        if (attention != null) {
            java.util.Arrays.fill(attention, 0);
            int queries = shape.cls() ? 1 : t;
            double total = 0;
            for (int q = 0; q < queries; q++) {
                for (int k = off; k < t; k++) {
                    attention[modalityOf[k]] += lastAttention[q][k];
                    total += lastAttention[q][k];
                }
            }
            for (int m = 0; m < mCount; m++) {
                attention[m] = total > 0 ? attention[m] / total : 0;
            }
        }
        return f;
    }

    /** One pre-LN encoder layer in place; returns the attention matrix averaged over heads ({@code t x t}). */
    private double[][] layer(int l, double[][] x) {
        int t = x.length;
        int d = shape.model();
        int heads = shape.heads();
        int hd = shape.headDim();
        double[][] q = new double[t][];
        double[][] k = new double[t][];
        double[][] v = new double[t][];
        for (int i = 0; i < t; i++) {
            double[] h = layerNorm(x[i], p[TransformerShape.layer(l, TransformerShape.LN1_G)],
                    p[TransformerShape.layer(l, TransformerShape.LN1_B)]);
            q[i] = linear(h, p[TransformerShape.layer(l, TransformerShape.WQ)],
                    p[TransformerShape.layer(l, TransformerShape.BQ)], d, d);
            k[i] = linear(h, p[TransformerShape.layer(l, TransformerShape.WK)],
                    p[TransformerShape.layer(l, TransformerShape.BK)], d, d);
            v[i] = linear(h, p[TransformerShape.layer(l, TransformerShape.WV)],
                    p[TransformerShape.layer(l, TransformerShape.BV)], d, d);
        }
        double[][] mixed = new double[t][d];
        double[][] meanAttention = new double[t][t];
        double scale = 1 / Math.sqrt(hd);
        double[] a = new double[t];
        for (int hh = 0; hh < heads; hh++) {
            int o = hh * hd;
            for (int i = 0; i < t; i++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < t; j++) {
                    double s = 0;
                    for (int c = 0; c < hd; c++) {
                        s += q[i][o + c] * k[j][o + c];
                    }
                    a[j] = s * scale;
                    max = Math.max(max, a[j]);
                }
                double sum = 0;
                for (int j = 0; j < t; j++) {
                    a[j] = Math.exp(a[j] - max);
                    sum += a[j];
                }
                for (int j = 0; j < t; j++) {
                    a[j] /= sum;
                    meanAttention[i][j] += a[j] / heads;
                    for (int c = 0; c < hd; c++) {
                        mixed[i][o + c] += a[j] * v[j][o + c];
                    }
                }
            }
        }
        for (int i = 0; i < t; i++) {
            double[] o = linear(mixed[i], p[TransformerShape.layer(l, TransformerShape.WO)],
                    p[TransformerShape.layer(l, TransformerShape.BO)], d, d);
            for (int c = 0; c < d; c++) {
                x[i][c] += o[c];
            }
            double[] h = layerNorm(x[i], p[TransformerShape.layer(l, TransformerShape.LN2_G)],
                    p[TransformerShape.layer(l, TransformerShape.LN2_B)]);
            double[] hidden = linear(h, p[TransformerShape.layer(l, TransformerShape.W1)],
                    p[TransformerShape.layer(l, TransformerShape.B1)], d, shape.ffn());
            for (int c = 0; c < hidden.length; c++) {
                hidden[c] = Math.max(0, hidden[c]);
            }
            double[] f = linear(hidden, p[TransformerShape.layer(l, TransformerShape.W2)],
                    p[TransformerShape.layer(l, TransformerShape.B2)], shape.ffn(), d);
            for (int c = 0; c < d; c++) {
                x[i][c] += f[c];
            }
        }
        return meanAttention;
    }

    /** {@code x W + b} with {@code W} row-major {@code rows x cols}. */
    private static double[] linear(double[] x, float[] w, float[] b, int rows, int cols) {
        double[] y = new double[cols];
        for (int c = 0; c < cols; c++) {
            y[c] = b[c];
        }
        for (int r = 0; r < rows; r++) {
            double xr = x[r];
            int base = r * cols;
            for (int c = 0; c < cols; c++) {
                y[c] += xr * w[base + c];
            }
        }
        return y;
    }

    private static double[] layerNorm(double[] x, float[] g, float[] b) {
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= x.length;
        double var = 0;
        for (double v : x) {
            var += (v - mean) * (v - mean);
        }
        var /= x.length;
        double inv = 1 / Math.sqrt(var + LN_EPS);
        double[] y = new double[x.length];
        for (int c = 0; c < x.length; c++) {
            y[c] = (x[c] - mean) * inv * g[c] + b[c];
        }
        return y;
    }

    void write(DataOutputStream out) throws IOException {
        shape.write(out);
        out.writeInt(p.length);
        for (float[] a : p) {
            out.writeInt(a.length);
            for (float v : a) {
                out.writeFloat(v);
            }
        }
    }

    /**
     * Reads weights written by {@link #write}.
     *
     * @throws IOException when the file's architecture is not {@code expected} or a tensor has the wrong size
     */
    static TransformerWeights read(DataInputStream in, TransformerShape expected) throws IOException {
        TransformerShape s = TransformerShape.read(in);
        if (!s.equals(expected)) {
            throw new IOException("architecture " + s + ", expected " + expected);
        }
        int count = in.readInt();
        float[][] values = new float[count][];
        for (int k = 0; k < count; k++) {
            int n = in.readInt();
            if (n < 0 || n > (1 << 28)) {
                throw new IOException("tensor " + k + " has " + n + " values");
            }
            values[k] = new float[n];
            for (int i = 0; i < n; i++) {
                values[k][i] = in.readFloat();
            }
        }
        try {
            return new TransformerWeights(s, values);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
