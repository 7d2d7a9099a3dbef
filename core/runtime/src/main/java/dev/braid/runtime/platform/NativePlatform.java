package dev.braid.runtime.platform;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Points the native-bearing platform libraries at Braid's cache folder and keeps them offline: DJL's cache and
 * engine cache ({@code DJL_CACHE_DIR}, {@code ENGINE_CACHE_DIR}; tokenizers extract their native there), DJL's
 * offline mode (no model zoo or native download), and ONNX Runtime's natives, extracted once from its jar to
 * {@code <cache>/onnxruntime/<version>} and loaded from there ({@code onnxruntime.native.path}) instead of a fresh
 * temporary folder per process. Settings the user already gave (system properties) are kept. On a machine without a
 * GPU the libraries' CUDA probes are kept quiet ({@link GpuProbe}).
 */
public final class NativePlatform {
    private static final Logger log = LoggerFactory.getLogger(NativePlatform.class);
    private static final String ORT_NATIVE = "ai/onnxruntime/native/";

    private NativePlatform() {
    }

    /** Configures the platform libraries to use {@code cache}; call before any of them loads. */
    public static synchronized void configure(Path cache) {
        Path djl = cache.resolve("djl");
        setIfAbsent("DJL_CACHE_DIR", djl.toString());
        setIfAbsent("ENGINE_CACHE_DIR", djl.resolve("engines").toString());
        setIfAbsent("ai.djl.offline", "true");
        setIfAbsent("OPT_OUT_TRACKING", "true");
        GpuProbe.quietCudaProbesWithoutGpu();
        if (System.getProperty("onnxruntime.native.path") == null) {
            Path ort = extractOnnxRuntime(cache.resolve("onnxruntime"));
            if (ort != null) {
                System.setProperty("onnxruntime.native.path", ort.toString());
            }
        }
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null && System.getenv(key) == null) {
            System.setProperty(key, value);
        }
    }

    /**
     * Copies ONNX Runtime's natives for this platform from the class path to {@code root/<version>} (once) and
     * returns that folder; {@code null} when the jar is absent or has no natives for this platform (ONNX Runtime then
     * falls back to its own extraction).
     */
    static Path extractOnnxRuntime(Path root) {
        String platform = ortPlatform();
        ClassLoader loader = NativePlatform.class.getClassLoader();
        String[] libs = System.mapLibraryName("onnxruntime").endsWith(".dll")
                ? new String[] {"onnxruntime.dll", "onnxruntime4j_jni.dll"}
                : new String[] {System.mapLibraryName("onnxruntime"), System.mapLibraryName("onnxruntime4j_jni")};
        if (loader.getResource(ORT_NATIVE + platform + "/" + libs[0]) == null) {
            return null;
        }
        String version = ortVersion(loader);
        Path dir = root.resolve(version + "-" + platform);
        try {
            Files.createDirectories(dir);
            for (String lib : libs) {
                Path target = dir.resolve(lib);
                if (Files.isRegularFile(target) && Files.size(target) > 0) {
                    continue;
                }
                try (InputStream in = loader.getResourceAsStream(ORT_NATIVE + platform + "/" + lib)) {
                    if (in == null) {
                        return null;
                    }
                    Path tmp = Files.createTempFile(dir, lib, ".part");
                    Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    log.info("Extracted {} to {}", lib, dir);
                }
            }
            return dir;
        } catch (IOException e) {
            log.warn("Cannot extract ONNX Runtime's natives to {} ({}): it will extract them itself to {}", dir,
                    e.toString(), System.getProperty("java.io.tmpdir"));
            return null;
        }
    }

    /** The ONNX Runtime version, from its jar's file name (its jar carries no version properties). */
    private static String ortVersion(ClassLoader loader) {
        try {
            java.security.CodeSource cs = Class.forName("ai.onnxruntime.OrtEnvironment", false, loader)
                    .getProtectionDomain().getCodeSource();
            if (cs != null && cs.getLocation() != null) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("onnxruntime-([0-9][^/]*)\\.jar$")
                        .matcher(cs.getLocation().getPath());
                if (m.find()) {
                    return m.group(1);
                }
            }
        } catch (ClassNotFoundException | LinkageError e) {
            log.debug("no ONNX Runtime version: {}", e.toString());
        }
        return "unknown";
    }

    /** ONNX Runtime's name for this platform ({@code linux-x64}, {@code osx-aarch64}, ...). */
    static String ortPlatform() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String o = os.contains("win") ? "win" : os.contains("mac") || os.contains("darwin") ? "osx" : "linux";
        String a = arch.equals("amd64") || arch.equals("x86_64") ? "x64" : arch.equals("aarch64") ? "aarch64" : arch;
        return o + "-" + a;
    }
}
