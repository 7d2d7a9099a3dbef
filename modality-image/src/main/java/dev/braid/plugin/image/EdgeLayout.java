package dev.braid.plugin.image;

/**
 * Coarse layout: for each cell of a {@code grid x grid} partition of the image, a histogram of edge orientations
 * (Sobel gradient direction modulo 180 degrees, in {@code orientations} bins, weighted by gradient magnitude).
 * Index: {@code (cellY * grid + cellX) * orientations + bin}. Raw sums; all zeros for a flat image.
 */
final class EdgeLayout {
    private final int grid;
    private final int orientations;

    EdgeLayout(int grid, int orientations) {
        this.grid = grid;
        this.orientations = orientations;
    }

    int size() {
        return grid * grid * orientations;
    }

    float[] compute(float[] gray, int width, int height) {
        float[] h = new float[size()];
        double binsPerRadian = orientations / Math.PI;
        for (int y = 1; y < height - 1; y++) {
            int cy = y * grid / height;
            for (int x = 1; x < width - 1; x++) {
                int i = y * width + x;
                float tl = gray[i - width - 1];
                float t = gray[i - width];
                float tr = gray[i - width + 1];
                float l = gray[i - 1];
                float r = gray[i + 1];
                float bl = gray[i + width - 1];
                float b = gray[i + width];
                float br = gray[i + width + 1];
                float gx = (tr + 2 * r + br) - (tl + 2 * l + bl);
                float gy = (bl + 2 * b + br) - (tl + 2 * t + tr);
                float mag = (float) Math.sqrt(gx * gx + gy * gy);
                if (mag < 1e-3f) {
                    continue;
                }
                double angle = Math.atan2(gy, gx);
                if (angle < 0) {
                    angle += Math.PI;
                }
                int bin = Math.min(orientations - 1, (int) (angle * binsPerRadian));
                int cx = x * grid / width;
                h[(cy * grid + cx) * orientations + bin] += mag;
            }
        }
        return h;
    }
}
