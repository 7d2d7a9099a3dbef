package dev.braid.api.compute;

/**
 * The heavy vector kernels that fusion and retrieval run, with interchangeable implementations (plain Java
 * reference, JDK Vector API, OpenCL). Matrices are row-major float arrays. Every backend must agree with the
 * reference backend within the tolerance it states in {@link #tolerance()}.
 *
 * <p>Implementations are thread-safe.
 */
public interface ComputeBackend extends AutoCloseable {

    /** The backend's name ({@code reference}, {@code vector}, {@code opencl}). */
    String name();

    /** Whether the backend can run here (e.g. an OpenCL platform exists). */
    default boolean isAvailable() {
        return true;
    }

    /** Largest relative difference to the reference backend, per output element, for well-scaled inputs. */
    default double tolerance() {
        return 1e-5;
    }

    /** Dot product of {@code a[aOff..aOff+len)} and {@code b[bOff..bOff+len)}. */
    float dot(float[] a, int aOff, float[] b, int bOff, int len);

    /**
     * Batched projection: {@code out[m x n] = a[m x k] * b[k x n]}.
     */
    void matmul(float[] a, float[] b, float[] out, int m, int k, int n);

    /**
     * Scores of rows against one query: {@code out[r] = dot(matrix row r, query)} for {@code rows} rows of
     * {@code dim} floats.
     */
    void matvec(float[] matrix, int rows, int dim, float[] query, float[] out);

    /** Scales each of {@code rows} rows of {@code dim} floats to unit L2 norm, in place; zero rows stay zero. */
    void l2NormalizeRows(float[] matrix, int rows, int dim);

    /**
     * Weighted sum of vectors: {@code out = sum_i weights[i] * vectors[i]}; all vectors have {@code out.length}
     * floats.
     */
    void weightedSum(float[][] vectors, float[] weights, float[] out);

    /**
     * Scaled dot-product attention over tokens: for {@code t} tokens of dimension {@code d}, with queries,
     * keys and values row-major {@code t x d}, writes {@code softmax(q k^T / sqrt(d)) v} to {@code out}
     * ({@code t x d}). Tokens with {@code mask[j] == false} are not attended to.
     */
    void attention(float[] q, float[] k, float[] v, boolean[] mask, int t, int d, float[] out);

    /**
     * The indices of the {@code k} largest scores, best first (ties broken by lower index). Entries equal to
     * {@link Float#NEGATIVE_INFINITY} or NaN are never returned, so fewer than {@code k} may come back.
     */
    int[] topK(float[] scores, int k);

    @Override
    default void close() {
    }
}
