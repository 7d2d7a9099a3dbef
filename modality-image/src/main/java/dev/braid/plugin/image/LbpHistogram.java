package dev.braid.plugin.image;

/**
 * Uniform local binary patterns (8 neighbours, radius 1) of the grey image: each interior pixel's code has a bit
 * per neighbour that is at least as bright as the centre; the 58 codes with at most two 0/1 transitions around
 * the circle get a bin each, every other code shares bin 58. 59 bins, raw counts.
 */
final class LbpHistogram {
    static final int BINS = 59;
    /** Code (0..255) to bin (0..58). */
    private static final int[] MAPPING = mapping();
    /** Neighbour offsets, clockwise from the top-left. */
    private static final int[] DX = {-1, 0, 1, 1, 1, 0, -1, -1};
    private static final int[] DY = {-1, -1, -1, 0, 1, 1, 1, 0};

    private LbpHistogram() {
    }

    /** The histogram; all zeros for images smaller than 3x3 (no interior pixel). */
    static float[] compute(float[] gray, int width, int height) {
        float[] h = new float[BINS];
        for (int y = 1; y < height - 1; y++) {
            for (int x = 1; x < width - 1; x++) {
                float c = gray[y * width + x];
                int code = 0;
                for (int k = 0; k < 8; k++) {
                    if (gray[(y + DY[k]) * width + x + DX[k]] >= c) {
                        code |= 1 << k;
                    }
                }
                h[MAPPING[code]]++;
            }
        }
        return h;
    }

    static int transitions(int code) {
        int t = 0;
        for (int k = 0; k < 8; k++) {
            if (((code >> k) & 1) != ((code >> ((k + 1) & 7)) & 1)) {
                t++;
            }
        }
        return t;
    }

    private static int[] mapping() {
        int[] m = new int[256];
        int next = 0;
        for (int code = 0; code < 256; code++) {
            m[code] = transitions(code) <= 2 ? next++ : -1;
        }
        if (next != BINS - 1) {
            throw new AssertionError("expected 58 uniform patterns, found " + next);
        }
        for (int code = 0; code < 256; code++) {
            if (m[code] < 0) {
                m[code] = BINS - 1;
            }
        }
        return m;
    }
}
