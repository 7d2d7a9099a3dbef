package dev.braid.runtime.platform;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds out, without loading any CUDA library, whether CUDA can have a GPU here, and when it cannot keeps DJL's and
 * ONNX Runtime's own CUDA probes quiet. DJL asks the CUDA runtime for the GPU count whenever it picks a native
 * flavour (tokenizers, PyTorch), and warns when the runtime library is installed without a driver; DJL's ONNX
 * Runtime engine tries to add the CUDA provider when it makes its first manager, and warns when the CPU build has
 * none. Both are noise on a CPU machine, so their loggers are raised to ERROR there (unless the logging
 * configuration sets them); on a machine with a GPU they are left alone, where the same lines mean a broken setup.
 * <p>
 * A GPU is possible when the NVIDIA kernel driver is loaded ({@code /proc/driver/nvidia/version} on Linux; CUDA
 * has no other driver) and {@code CUDA_VISIBLE_DEVICES} does not hide every device. Other systems than Linux are
 * not probed (no change).
 */
public final class GpuProbe {
    private static final Logger LOG = LoggerFactory.getLogger(GpuProbe.class);
    /** The loggers of DJL's and ONNX Runtime's CUDA probes. */
    static final List<String> CUDA_PROBE_LOGGERS = List.of("ai.djl.util.cuda.CudaUtils",
            "ai.djl.onnxruntime.engine.OrtEngine");
    private static final Set<String> HIDDEN = Set.of("", "-1", "none", "nodevfiles");

    private GpuProbe() {
    }

    /** What the probe found: whether a GPU is possible, and why. */
    public record Result(boolean gpuPossible, String reason) {
    }

    /** Probes this machine. */
    public static Result probe() {
        return probe(System.getProperty("os.name"), System.getenv(), Path.of("/proc/driver/nvidia/version"));
    }

    static Result probe(String osName, Map<String, String> env, Path nvidiaDriver) {
        if (!osName.toLowerCase(Locale.ROOT).contains("linux")) {
            return new Result(true, "not probed on " + osName);
        }
        String visible = env.get("CUDA_VISIBLE_DEVICES");
        if (visible != null && HIDDEN.contains(visible.trim().toLowerCase(Locale.ROOT))) {
            return new Result(false, "CUDA_VISIBLE_DEVICES='" + visible + "' hides every device");
        }
        if (!Files.isReadable(nvidiaDriver)) {
            return new Result(false, "no NVIDIA kernel driver (" + nvidiaDriver + " is absent)");
        }
        return new Result(true, "NVIDIA driver loaded (" + nvidiaDriver + ")");
    }

    /** Probes, and without a GPU raises the CUDA probes' loggers to ERROR; returns what the probe found. */
    public static Result quietCudaProbesWithoutGpu() {
        Result r = probe();
        if (r.gpuPossible()) {
            LOG.debug("GPU possible: {}", r.reason());
        } else {
            LOG.debug("no GPU found: {}; DJL's and ONNX Runtime's CUDA probes log errors only", r.reason());
            CUDA_PROBE_LOGGERS.forEach(GpuProbe::errorsOnly);
        }
        return r;
    }

    /** Raises a logger to ERROR when it is logback's and the configuration gave it no level of its own. */
    static void errorsOnly(String name) {
        if (LoggerFactory.getLogger(name) instanceof ch.qos.logback.classic.Logger logger
                && logger.getLevel() == null) {
            logger.setLevel(ch.qos.logback.classic.Level.ERROR);
        }
    }
}
