package dev.braid.platform.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.braid.api.component.SharedResources;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * A user-supplied ONNX model with one float input, run by the host's ONNX Runtime. Thread-safe (an ONNX Runtime
 * session may be run from several threads); shared between encoders and generations through
 * {@code SharedResources}, keyed by {@link #sha256(Path)}.
 */
public final class OnnxModel implements AutoCloseable {
    private final Path file;
    private final OrtSession session;
    private final String inputName;
    private final long[] inputShape;
    private final String outputName;
    private final String fileSha256;

    private OnnxModel(Path file, String fileSha256, OrtSession session, String inputName, long[] inputShape,
                      String outputName) {
        this.file = file;
        this.fileSha256 = fileSha256;
        this.session = session;
        this.inputName = inputName;
        this.inputShape = inputShape;
        this.outputName = outputName;
    }

    /**
     * Opens the model and checks its input and output names.
     *
     * @param input   the input to feed, or empty for the model's only input
     * @param output  the output to read, or empty for the model's first output
     * @param threads intra-op threads, 0 for ONNX Runtime's choice
     * @throws IllegalArgumentException naming the file and the names it has when a name is wrong
     */
    public static OnnxModel open(Path file, String input, String output, int threads) {
        requireFile(file);
        return open(file, sha256(file), input, output, threads);
    }

    private static void requireFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("model file " + file + " does not exist");
        }
    }

    /**
     * The model of {@code file} from {@code resources}: one session for every encoder and generation that asks for
     * the same file content (SHA-256), input, output and threads.
     *
     * @throws IllegalArgumentException as {@link #open}
     */
    public static SharedResources.Lease<OnnxModel> shared(SharedResources resources, Path file, String input,
                                                          String output, int threads) {
        requireFile(file);
        String sha = sha256(file);
        return resources.acquire("onnx:" + sha + ":" + input + ":" + output + ":" + threads, OnnxModel.class,
                () -> open(file, sha, input, output, threads));
    }

    private static OnnxModel open(Path file, String sha, String input, String output, int threads) {
        OrtSession session = null;
        try {
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                if (threads > 0) {
                    options.setIntraOpNumThreads(threads);
                }
                session = env.createSession(file.toString(), options);
            }
            Map<String, NodeInfo> inputs = session.getInputInfo();
            Map<String, NodeInfo> outputs = session.getOutputInfo();
            String in = input == null || input.isBlank() ? null : input;
            if (in == null) {
                if (inputs.size() != 1) {
                    throw new IllegalArgumentException("model " + file + " has inputs " + inputs.keySet()
                            + ": set inputName");
                }
                in = inputs.keySet().iterator().next();
            } else if (!inputs.containsKey(in)) {
                throw new IllegalArgumentException("model " + file + " has no input '" + in + "'; it has "
                        + inputs.keySet());
            }
            String out = output == null || output.isBlank() ? outputs.keySet().iterator().next() : output;
            if (!outputs.containsKey(out)) {
                throw new IllegalArgumentException("model " + file + " has no output '" + out + "'; it has "
                        + outputs.keySet());
            }
            if (!(inputs.get(in).getInfo() instanceof TensorInfo ti)
                    || ti.type != ai.onnxruntime.OnnxJavaType.FLOAT) {
                throw new IllegalArgumentException("model " + file + " input '" + in + "' is not a float tensor: "
                        + inputs.get(in).getInfo());
            }
            return new OnnxModel(file, sha, session, in, ti.getShape(), out);
        } catch (OrtException e) {
            closeQuietly(session);
            throw new IllegalArgumentException("cannot load ONNX model " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(session);
            throw e;
        }
    }

    private static void closeQuietly(OrtSession s) {
        if (s != null) {
            try {
                s.close();
            } catch (OrtException ignored) {
                // closing after a failure: the failure is what matters
            }
        }
    }

    /** The input's shape as the model declares it; -1 where a dimension is dynamic. */
    public long[] inputShape() {
        return inputShape.clone();
    }

    public String inputName() {
        return inputName;
    }

    public String outputName() {
        return outputName;
    }

    public Path file() {
        return file;
    }

    /** Hex SHA-256 of the model file's content: what identifies the model in vector caches. */
    public String fileSha256() {
        return fileSha256;
    }

    /**
     * Runs the model on a batch and returns one flattened output row per batch entry.
     *
     * @param data  row-major input of shape {@code shape}
     * @param shape the concrete input shape, batch first
     */
    public float[][] run(float[] data, long[] shape) {
        try (OnnxTensor tensor = OnnxTensor.createTensor(OrtEnvironment.getEnvironment(), FloatBuffer.wrap(data),
                shape); OrtSession.Result result = session.run(Map.of(inputName, tensor),
                java.util.Set.of(outputName))) {
            Optional<OnnxValue> value = result.get(outputName);
            if (value.isEmpty() || !(value.get() instanceof OnnxTensor out)) {
                throw new IllegalStateException("model " + file + " gave no tensor for output " + outputName);
            }
            long[] outShape = out.getInfo().getShape();
            FloatBuffer fb = out.getFloatBuffer();
            if (fb == null) {
                throw new IllegalStateException("model " + file + " output " + outputName + " is not float");
            }
            float[] flat = new float[fb.remaining()];
            fb.get(flat);
            int rows = (int) outShape[0];
            if (rows != shape[0] || flat.length % Math.max(rows, 1) != 0) {
                throw new IllegalStateException("model " + file + " output " + outputName + " has shape "
                        + Arrays.toString(outShape) + " for a batch of " + shape[0]);
            }
            int width = rows == 0 ? 0 : flat.length / rows;
            float[][] out2 = new float[rows][];
            for (int r = 0; r < rows; r++) {
                out2[r] = Arrays.copyOfRange(flat, r * width, (r + 1) * width);
            }
            return out2;
        } catch (OrtException e) {
            throw new IllegalStateException("model " + file + " failed on input shape " + Arrays.toString(shape)
                    + ": " + e.getMessage(), e);
        }
    }

    /** Hex SHA-256 of a model file: what identifies it for sharing and vector caches. */
    public static String sha256(Path file) {
        try (DigestInputStream in = new DigestInputStream(Files.newInputStream(file),
                MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(in.getMessageDigest().digest());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read model file " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        closeQuietly(session);
    }

}
