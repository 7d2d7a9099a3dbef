package dev.braid.compute;

import static org.jocl.CL.*;

import dev.braid.api.component.BraidComponent;
import dev.braid.api.compute.ComputeBackend;
import java.util.Arrays;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;

/**
 * Compute backend on OpenCL through JOCL: every SPI method runs as a kernel on the first OpenCL device found (GPUs
 * and accelerators before CPUs; the PoCL CPU device in CI). The program is compiled once per JVM
 * ({@link OpenClDevice}); device buffers are kept per argument slot and reused while they are large enough. Top-K
 * is a partial selection on the device (best {@code k} per chunk) merged on the host.
 *
 * <p>{@link #isAvailable()} is false when no OpenCL platform, device or compiler works here; the reason is in
 * {@link #unavailableReason()}. Calls are serialised (one command queue).
 */
@BraidComponent(name = "opencl", description = "OpenCL kernels through JOCL (GPU, accelerator or CPU device)")
public final class OpenClBackend implements ComputeBackend {
    /** Scores per work-item in the device top-K. */
    private static final int TOPK_CHUNK = 4096;

    private final OpenClDevice device;
    private final cl_mem[] slots = new cl_mem[6];
    private final long[] slotBytes = new long[6];

    public OpenClBackend() {
        this.device = OpenClDevice.shared();
    }

    @Override
    public String name() {
        return "opencl";
    }

    @Override
    public boolean isAvailable() {
        return device.ok();
    }

    /** Why the backend cannot run here, or empty when it can. */
    public String unavailableReason() {
        return device.failure();
    }

    /** The OpenCL platform and device in use, e.g. {@code Portable Computing Language / pthread-...}. */
    public String deviceName() {
        return device.description();
    }

    @Override
    public double tolerance() {
        return 1e-4;
    }

    @Override
    public synchronized float dot(float[] a, int aOff, float[] b, int bOff, int len) {
        if (len == 0) {
            return 0f;
        }
        float[] out = new float[1];
        write(0, a, aOff, len);
        write(1, b, bOff, len);
        ensure(2, 1);
        run(device.matvec, new long[] {1}, null, slots[0], slots[1], slots[2], 1, len);
        read(2, out, 1);
        return out[0];
    }

    @Override
    public synchronized void matvec(float[] matrix, int rows, int dim, float[] query, float[] out) {
        check((long) rows * dim <= matrix.length && query.length >= dim && out.length >= rows, "matvec shapes");
        if (rows == 0) {
            return;
        }
        if (dim == 0) {
            Arrays.fill(out, 0, rows, 0f);
            return;
        }
        write(0, matrix, 0, rows * dim);
        write(1, query, 0, dim);
        ensure(2, rows);
        run(device.matvec, new long[] {rows}, null, slots[0], slots[1], slots[2], rows, dim);
        read(2, out, rows);
    }

    @Override
    public synchronized void matmul(float[] a, float[] b, float[] out, int m, int k, int n) {
        check((long) m * k <= a.length && (long) k * n <= b.length && (long) m * n <= out.length, "matmul shapes");
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            Arrays.fill(out, 0, m * n, 0f);
            return;
        }
        int ts = device.tile;
        write(0, a, 0, m * k);
        write(1, b, 0, k * n);
        ensure(2, (long) m * n);
        run(device.matmul, new long[] {roundUp(n, ts), roundUp(m, ts)}, new long[] {ts, ts},
                slots[0], slots[1], slots[2], m, k, n);
        read(2, out, m * n);
    }

    @Override
    public synchronized void l2NormalizeRows(float[] matrix, int rows, int dim) {
        check((long) rows * dim <= matrix.length, "l2NormalizeRows shapes");
        if (rows == 0 || dim == 0) {
            return;
        }
        write(0, matrix, 0, rows * dim);
        run(device.l2norm, new long[] {rows}, null, slots[0], rows, dim);
        read(0, matrix, rows * dim);
    }

    @Override
    public synchronized void weightedSum(float[][] vectors, float[] weights, float[] out) {
        if (vectors.length != weights.length) {
            throw new IllegalArgumentException("weightedSum: " + vectors.length + " vectors but " + weights.length
                    + " weights");
        }
        int len = out.length;
        if (len == 0) {
            return;
        }
        if (vectors.length == 0) {
            Arrays.fill(out, 0f);
            return;
        }
        float[] packed = new float[vectors.length * len];
        for (int v = 0; v < vectors.length; v++) {
            if (vectors[v].length < len) {
                throw new IllegalArgumentException("weightedSum: vector " + v + " has " + vectors[v].length
                        + " floats, expected " + len);
            }
            System.arraycopy(vectors[v], 0, packed, v * len, len);
        }
        write(0, packed, 0, packed.length);
        write(1, weights, 0, weights.length);
        ensure(2, len);
        run(device.weightedSum, new long[] {len}, null, slots[0], slots[1], slots[2], vectors.length, len);
        read(2, out, len);
    }

    @Override
    public synchronized void attention(float[] q, float[] k, float[] v, boolean[] mask, int t, int d, float[] out) {
        if (t == 0) {
            return;
        }
        if (d == 0) {
            return;
        }
        int[] m = new int[t];
        for (int j = 0; j < t; j++) {
            m[j] = mask == null || mask[j] ? 1 : 0;
        }
        write(0, q, 0, t * d);
        write(1, k, 0, t * d);
        write(2, v, 0, t * d);
        ensureBytes(3, (long) t * Sizeof.cl_int);
        clEnqueueWriteBuffer(device.queue, slots[3], CL_TRUE, 0, (long) t * Sizeof.cl_int, Pointer.to(m), 0, null,
                null);
        ensure(4, (long) t * t);
        ensure(5, (long) t * d);
        run(device.attnWeights, new long[] {t}, null, slots[0], slots[1], slots[3], slots[4], t, d,
                (float) (1.0 / Math.sqrt(d)));
        run(device.attnOutput, new long[] {d, t}, null, slots[4], slots[2], slots[5], t, d);
        read(5, out, t * d);
    }

    @Override
    public synchronized int[] topK(float[] scores, int k) {
        int n = scores.length;
        if (k <= 0 || n == 0) {
            return new int[0];
        }
        int chunks = (n + TOPK_CHUNK - 1) / TOPK_CHUNK;
        int kk = Math.min(k, Math.min(n, TOPK_CHUNK));
        write(0, scores, 0, n);
        long candidates = (long) chunks * kk;
        ensureBytes(1, candidates * Sizeof.cl_int);
        run(device.topkChunks, new long[] {chunks}, null, slots[0], n, TOPK_CHUNK, kk, slots[1]);
        int[] cand = new int[(int) candidates];
        clEnqueueReadBuffer(device.queue, slots[1], CL_TRUE, 0, candidates * Sizeof.cl_int, Pointer.to(cand), 0,
                null, null);
        // Merge: the global best k are among each chunk's best k.
        float[] cs = new float[cand.length];
        int[] ci = new int[cand.length];
        int c = 0;
        for (int idx : cand) {
            if (idx >= 0) {
                cs[c] = scores[idx];
                ci[c++] = idx;
            }
        }
        int[] local = TopK.select(cs, c, k);
        int[] out = new int[local.length];
        for (int i = 0; i < local.length; i++) {
            out[i] = ci[local[i]];
        }
        // Candidates from different chunks are in index order, so TopK's lower-position tie rule is lower index.
        return out;
    }

    /** Releases this instance's device buffers; the shared context and program stay for the next instance. */
    @Override
    public synchronized void close() {
        for (int i = 0; i < slots.length; i++) {
            if (slots[i] != null) {
                clReleaseMemObject(slots[i]);
                slots[i] = null;
                slotBytes[i] = 0;
            }
        }
    }

    private void requireDevice() {
        if (!device.ok()) {
            throw new IllegalStateException("OpenCL backend is not available: " + device.failure());
        }
    }

    private void ensure(int slot, long floats) {
        ensureBytes(slot, floats * Sizeof.cl_float);
    }

    private void ensureBytes(int slot, long bytes) {
        requireDevice();
        if (slots[slot] != null && slotBytes[slot] >= bytes) {
            return;
        }
        if (slots[slot] != null) {
            clReleaseMemObject(slots[slot]);
            slots[slot] = null;
        }
        long size = Math.max(bytes, 1024);
        slots[slot] = clCreateBuffer(device.context, CL_MEM_READ_WRITE, size, null, null);
        slotBytes[slot] = size;
    }

    private void write(int slot, float[] src, int off, int len) {
        ensure(slot, len);
        clEnqueueWriteBuffer(device.queue, slots[slot], CL_TRUE, 0, (long) len * Sizeof.cl_float,
                Pointer.to(src).withByteOffset((long) off * Sizeof.cl_float), 0, null, null);
    }

    private void read(int slot, float[] dst, int len) {
        clEnqueueReadBuffer(device.queue, slots[slot], CL_TRUE, 0, (long) len * Sizeof.cl_float, Pointer.to(dst), 0,
                null, null);
    }

    private void run(cl_kernel kernel, long[] global, long[] local, Object... args) {
        cl_command_queue queue = device.queue;
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            if (a instanceof cl_mem mem) {
                clSetKernelArg(kernel, i, Sizeof.cl_mem, Pointer.to(mem));
            } else if (a instanceof Integer x) {
                clSetKernelArg(kernel, i, Sizeof.cl_int, Pointer.to(new int[] {x}));
            } else if (a instanceof Float x) {
                clSetKernelArg(kernel, i, Sizeof.cl_float, Pointer.to(new float[] {x}));
            } else {
                throw new IllegalArgumentException("unsupported kernel argument " + a);
            }
        }
        clEnqueueNDRangeKernel(queue, kernel, global.length, null, global, local, 0, null, null);
    }

    private static long roundUp(long x, long to) {
        return (x + to - 1) / to * to;
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalArgumentException("bad arguments: " + what);
        }
    }
}
