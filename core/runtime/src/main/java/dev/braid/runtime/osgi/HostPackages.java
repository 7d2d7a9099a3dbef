package dev.braid.runtime.osgi;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.Manifest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Computes what the host exports to bundles: the API and platform-service packages with the versions declared in
 * their jars' own manifests ({@code braid-api}, {@code braid-platform}), and the platform libraries plugins may use (SLF4J; DJL, its
 * ONNX Runtime engine and tokenizers, and ONNX Runtime, whose natives load once per JVM and so stay on the host). Reading the versions from the jars' manifests keeps a
 * single source of truth: the {@code @Version} annotations of the packages.
 */
public final class HostPackages {
    private static final Logger log = LoggerFactory.getLogger(HostPackages.class);

    /** Platform packages exported with the version of the library on the class path. */
    private static final List<String[]> PLATFORM = List.of(
            new String[] {"org.slf4j", "org.slf4j.Logger"},
            new String[] {"org.slf4j.event", "org.slf4j.Logger"},
            new String[] {"org.slf4j.helpers", "org.slf4j.Logger"},
            new String[] {"org.slf4j.spi", "org.slf4j.Logger"});

    /**
     * Native-bearing libraries on the host class path whose every package is exported (with the jar's version):
     * a marker class names the jar, the prefix selects its packages.
     */
    private static final List<String[]> PLATFORM_JARS = List.of(
            new String[] {"ai.djl.Model", "ai.djl"},
            new String[] {"ai.djl.onnxruntime.engine.OrtEngine", "ai.djl"},
            new String[] {"ai.djl.huggingface.tokenizers.HuggingFaceTokenizer", "ai.djl"},
            new String[] {"ai.onnxruntime.OrtEnvironment", "ai.onnxruntime"});

    private HostPackages() {
    }

    /** The value for {@code org.osgi.framework.system.packages.extra}. */
    public static String exports() {
        Set<String> clauses = new LinkedHashSet<>();
        clauses.addAll(apiExports());
        clauses.addAll(platformExports());
        for (String[] p : PLATFORM) {
            clauses.add(p[0] + ";version=" + libraryVersion(p[1]));
        }
        for (String[] jar : PLATFORM_JARS) {
            clauses.addAll(JarPackages.exports(jar[0], jar[1]));
        }
        return String.join(",", clauses);
    }

    /** The Export-Package clauses of the braid-api jar, as written by bnd. */
    static List<String> apiExports() {
        return bndExports("dev.braid.api", "the Braid API jar");
    }

    /** The Export-Package clauses of the braid-platform jar (host class-loader scope, training lease, decoders). */
    static List<String> platformExports() {
        return bndExports("dev.braid.platform", "the Braid platform jar");
    }

    private static List<String> bndExports(String symbolicName, String what) {
        try {
            Enumeration<URL> manifests = HostPackages.class.getClassLoader().getResources("META-INF/MANIFEST.MF");
            while (manifests.hasMoreElements()) {
                URL url = manifests.nextElement();
                try (InputStream in = url.openStream()) {
                    Manifest mf = new Manifest(in);
                    if (symbolicName.equals(mf.getMainAttributes().getValue("Bundle-SymbolicName"))) {
                        return splitClauses(mf.getMainAttributes().getValue("Export-Package"));
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the class path's manifests: " + e.getMessage(), e);
        }
        throw new IllegalStateException(what + " (Bundle-SymbolicName " + symbolicName + ") is not on the class "
                + "path, or was built without its OSGi manifest: rebuild with 'mvn package'");
    }

    /** Splits an OSGi header into clauses at commas outside quotes; drops {@code uses:=} directives. */
    static List<String> splitClauses(String header) {
        List<String> clauses = new ArrayList<>();
        if (header == null) {
            return clauses;
        }
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (char c : header.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                clauses.add(current.toString().trim());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (!current.isEmpty()) {
            clauses.add(current.toString().trim());
        }
        return clauses.stream().map(HostPackages::withoutUses).toList();
    }

    private static String withoutUses(String clause) {
        return clause.replaceAll(";uses:=\"[^\"]*\"", "");
    }

    private static String libraryVersion(String className) {
        try {
            Package p = Class.forName(className).getPackage();
            String v = p.getImplementationVersion();
            if (v == null) {
                v = p.getSpecificationVersion();
            }
            if (v != null) {
                return cleanVersion(v);
            }
        } catch (ClassNotFoundException e) {
            log.warn("{} is not on the host class path", className);
        }
        return "0.0.0";
    }

    /** Turns a Maven version ({@code 2.0.17}, {@code 1.2-SNAPSHOT}) into an OSGi one. */
    static String cleanVersion(String v) {
        String[] parts = v.split("[.-]");
        StringBuilder out = new StringBuilder();
        int numeric = 0;
        for (String part : parts) {
            if (numeric < 3 && part.matches("\\d+")) {
                out.append(numeric == 0 ? "" : ".").append(part);
                numeric++;
            } else {
                break;
            }
        }
        while (numeric < 3) {
            out.append(numeric == 0 ? "0" : ".0");
            numeric++;
        }
        return out.toString();
    }
}
