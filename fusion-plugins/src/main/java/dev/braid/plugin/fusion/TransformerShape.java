package dev.braid.plugin.fusion;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The architecture of the transformer fusion and the layout of its parameters: one fixed, named list of tensors
 * shared by the DJL training graph ({@link TransformerNet}), the plain-Java inference ({@link TransformerWeights})
 * and the model file.
 *
 * @param modalities number of modality tokens {@code M}
 * @param input      input width of each modality token (the reduced unit vector)
 * @param model      token width {@code d_model}
 * @param heads      attention heads
 * @param layers     encoder layers
 * @param ffn        feed-forward hidden width
 * @param cls        a learned [CLS] token is prepended and pooled; otherwise the present tokens are averaged
 * @param output     fused vector length
 */
record TransformerShape(int modalities, int input, int model, int heads, int layers, int ffn, boolean cls,
                        int output) {

    /** One parameter tensor: its name, shape and initialisation. */
    record Param(String name, int[] shape, Init init) {
        int size() {
            int s = 1;
            for (int d : shape) {
                s *= d;
            }
            return s;
        }
    }

    /** How a parameter starts: zeros, ones, a small normal, or a normal scaled by {@code 1/sqrt(fan-in)}. */
    enum Init { ZERO, ONE, SMALL, FAN_IN }

    // Parameter indexes of the fixed layout (per-layer parameters repeat PER_LAYER times from LAYER0).
    static final int PROJ_W = 0;
    static final int PROJ_E = 1;
    static final int CLS = 2;
    static final int LAYER0 = 3;
    static final int LN1_G = 0;
    static final int LN1_B = 1;
    static final int WQ = 2;
    static final int BQ = 3;
    static final int WK = 4;
    static final int BK = 5;
    static final int WV = 6;
    static final int BV = 7;
    static final int WO = 8;
    static final int BO = 9;
    static final int LN2_G = 10;
    static final int LN2_B = 11;
    static final int W1 = 12;
    static final int B1 = 13;
    static final int W2 = 14;
    static final int B2 = 15;
    static final int PER_LAYER = 16;

    TransformerShape {
        if (model % heads != 0) {
            throw new IllegalArgumentException("heads: modelDimension " + model + " is not a multiple of " + heads
                    + " heads");
        }
    }

    int headDim() {
        return model / heads;
    }

    /** Tokens per item: the modalities, plus the [CLS] token. */
    int tokens() {
        return modalities + (cls ? 1 : 0);
    }

    static int layer(int l, int which) {
        return LAYER0 + l * PER_LAYER + which;
    }

    int finalLnG() {
        return LAYER0 + layers * PER_LAYER;
    }

    int finalLnB() {
        return finalLnG() + 1;
    }

    int outW() {
        return finalLnG() + 2;
    }

    int outB() {
        return finalLnG() + 3;
    }

    /** The parameters in layout order (the [CLS] slot is a 1-element placeholder when there is no [CLS] token). */
    List<Param> params() {
        List<Param> p = new ArrayList<>();
        // the projection bias is the learned modality embedding: one vector per modality added to its token
        p.add(new Param("proj.w", new int[] {modalities, input, model}, Init.FAN_IN));
        p.add(new Param("proj.e", new int[] {modalities, model}, Init.SMALL));
        p.add(new Param("cls", new int[] {cls ? model : 1}, cls ? Init.SMALL : Init.ZERO));
        for (int l = 0; l < layers; l++) {
            String n = "layer" + l + ".";
            p.add(new Param(n + "ln1.g", new int[] {model}, Init.ONE));
            p.add(new Param(n + "ln1.b", new int[] {model}, Init.ZERO));
            for (String w : new String[] {"q", "k", "v", "o"}) {
                p.add(new Param(n + "w" + w, new int[] {model, model}, Init.FAN_IN));
                p.add(new Param(n + "b" + w, new int[] {model}, Init.ZERO));
            }
            p.add(new Param(n + "ln2.g", new int[] {model}, Init.ONE));
            p.add(new Param(n + "ln2.b", new int[] {model}, Init.ZERO));
            p.add(new Param(n + "w1", new int[] {model, ffn}, Init.FAN_IN));
            p.add(new Param(n + "b1", new int[] {ffn}, Init.ZERO));
            p.add(new Param(n + "w2", new int[] {ffn, model}, Init.FAN_IN));
            p.add(new Param(n + "b2", new int[] {model}, Init.ZERO));
        }
        p.add(new Param("out.ln.g", new int[] {model}, Init.ONE));
        p.add(new Param("out.ln.b", new int[] {model}, Init.ZERO));
        p.add(new Param("out.w", new int[] {model, output}, Init.FAN_IN));
        p.add(new Param("out.b", new int[] {output}, Init.ZERO));
        return p;
    }

    /** Seeded initial values of every parameter. */
    float[][] initialise(long seed) {
        Random rnd = new Random(seed);
        List<Param> ps = params();
        float[][] values = new float[ps.size()][];
        for (int k = 0; k < ps.size(); k++) {
            Param p = ps.get(k);
            float[] v = new float[p.size()];
            int fanIn = p.shape().length >= 2 ? p.shape()[p.shape().length - 2] : 1;
            for (int i = 0; i < v.length; i++) {
                v[i] = switch (p.init()) {
                    case ZERO -> 0f;
                    case ONE -> 1f;
                    case SMALL -> (float) (0.1 * rnd.nextGaussian());
                    case FAN_IN -> (float) (rnd.nextGaussian() / Math.sqrt(fanIn));
                };
            }
            values[k] = v;
        }
        return values;
    }

    void write(DataOutputStream out) throws IOException {
        for (int x : new int[] {modalities, input, model, heads, layers, ffn, cls ? 1 : 0, output}) {
            out.writeInt(x);
        }
    }

    static TransformerShape read(DataInputStream in) throws IOException {
        int[] x = new int[8];
        for (int i = 0; i < x.length; i++) {
            x[i] = in.readInt();
        }
        return new TransformerShape(x[0], x[1], x[2], x[3], x[4], x[5], x[6] == 1, x[7]);
    }
}
