// Braid compute kernels (OpenCL C 1.2). TS, the matmul tile size, is defined at build time (-D TS=16).

__kernel void matvec(__global const float* m, __global const float* q, __global float* out, int rows, int dim) {
    int r = get_global_id(0);
    if (r >= rows) return;
    __global const float* row = m + (long) r * dim;
    float s = 0.0f;
    for (int i = 0; i < dim; i++) s = fma(row[i], q[i], s);
    out[r] = s;
}

__kernel void matmul(__global const float* a, __global const float* b, __global float* c, int m, int k, int n) {
    __local float as[TS][TS];
    __local float bs[TS][TS];
    int col = get_global_id(0);
    int row = get_global_id(1);
    int lc = get_local_id(0);
    int lr = get_local_id(1);
    float acc = 0.0f;
    for (int t = 0; t < k; t += TS) {
        as[lr][lc] = (row < m && t + lc < k) ? a[(long) row * k + t + lc] : 0.0f;
        bs[lr][lc] = (t + lr < k && col < n) ? b[(long) (t + lr) * n + col] : 0.0f;
        barrier(CLK_LOCAL_MEM_FENCE);
        for (int p = 0; p < TS; p++) acc = fma(as[lr][p], bs[p][lc], acc);
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    if (row < m && col < n) c[(long) row * n + col] = acc;
}

__kernel void l2norm(__global float* m, int rows, int dim) {
    int r = get_global_id(0);
    if (r >= rows) return;
    __global float* row = m + (long) r * dim;
    float s = 0.0f;
    for (int i = 0; i < dim; i++) s = fma(row[i], row[i], s);
    if (s > 0.0f) {
        float inv = 1.0f / sqrt(s);
        for (int i = 0; i < dim; i++) row[i] *= inv;
    }
}

// vectors: count rows of len floats, packed.
__kernel void weighted_sum(__global const float* vectors, __global const float* w, __global float* out, int count,
                           int len) {
    int i = get_global_id(0);
    if (i >= len) return;
    float s = 0.0f;
    for (int v = 0; v < count; v++) s = fma(w[v], vectors[(long) v * len + i], s);
    out[i] = s;
}

// One work-item per query token: softmax weights over the unmasked keys into p (t x t).
__kernel void attn_weights(__global const float* q, __global const float* k, __global const int* mask,
                           __global float* p, int t, int d, float scale) {
    int i = get_global_id(0);
    if (i >= t) return;
    float mx = -INFINITY;
    for (int j = 0; j < t; j++) {
        float s = -INFINITY;
        if (mask[j]) {
            s = 0.0f;
            for (int c = 0; c < d; c++) s = fma(q[i * d + c], k[j * d + c], s);
            s *= scale;
        }
        p[i * t + j] = s;
        mx = fmax(mx, s);
    }
    float sum = 0.0f;
    for (int j = 0; j < t; j++) {
        float e = mx == -INFINITY ? 0.0f : exp(p[i * t + j] - mx);
        p[i * t + j] = e;
        sum += e;
    }
    for (int j = 0; j < t; j++) p[i * t + j] = sum == 0.0f ? 0.0f : p[i * t + j] / sum;
}

// One work-item per output element (token i, column c): sum_j p[i][j] * v[j][c].
__kernel void attn_output(__global const float* p, __global const float* v, __global float* out, int t, int d) {
    int c = get_global_id(0);
    int i = get_global_id(1);
    if (c >= d || i >= t) return;
    float s = 0.0f;
    for (int j = 0; j < t; j++) s = fma(p[i * t + j], v[j * d + c], s);
    out[i * d + c] = s;
}

// Partial selection: work-item g keeps the best k entries of its chunk [g*chunk, (g+1)*chunk) in cand[g*k ..],
// best first, ties by lower index (strictly greater scores displace), skipping NaN and -inf. Unused slots are -1.
__kernel void topk_chunks(__global const float* scores, int n, int chunk, int k, __global int* cand) {
    int g = get_global_id(0);
    long from = (long) g * chunk;
    if (from >= n) return;
    long to = min((long) n, from + chunk);
    __global int* c = cand + (long) g * k;
    int size = 0;
    for (long i = from; i < to; i++) {
        float s = scores[i];
        if (isnan(s) || s == -INFINITY) continue;
        if (size == k && !(s > scores[c[k - 1]])) continue;
        int at = size < k ? size++ : k - 1;
        while (at > 0 && s > scores[c[at - 1]]) {
            c[at] = c[at - 1];
            at--;
        }
        c[at] = (int) i;
    }
    for (int j = size; j < k; j++) c[j] = -1;
}
