package dev.braid.runtime.osgi;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists the packages of a library on the host class path (the jar or folder a marker class comes from), so that the
 * host can export all of them with the library's version. Used for the platform layer (DJL, ONNX Runtime), whose
 * packages are many and change between releases.
 */
final class JarPackages {
    private static final Logger log = LoggerFactory.getLogger(JarPackages.class);

    private JarPackages() {
    }

    /**
     * Export clauses ({@code pkg;version=x.y.z}) for every package under {@code prefix} in the jar that holds
     * {@code markerClass}; empty (with a warning) when the class is not on the class path.
     */
    static List<String> exports(String markerClass, String prefix) {
        Class<?> marker;
        try {
            marker = Class.forName(markerClass, false, JarPackages.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            log.warn("{} is not on the host class path: its packages are not exported to bundles", markerClass);
            return List.of();
        }
        CodeSource source = marker.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return List.of();
        }
        try {
            Path location = Path.of(source.getLocation().toURI());
            TreeSet<String> packages = new TreeSet<>();
            String version;
            if (Files.isDirectory(location)) {
                try (Stream<Path> walk = Files.walk(location)) {
                    walk.filter(p -> p.toString().endsWith(".class"))
                            .map(p -> location.relativize(p.getParent()).toString().replace(location.getFileSystem()
                                    .getSeparator(), "."))
                            .filter(p -> p.equals(prefix) || p.startsWith(prefix + "."))
                            .forEach(packages::add);
                }
                version = versionOf(marker);
            } else {
                try (JarFile jar = new JarFile(location.toFile())) {
                    for (JarEntry e : java.util.Collections.list(jar.entries())) {
                        String name = e.getName();
                        int slash = name.lastIndexOf('/');
                        if (name.endsWith(".class") && slash > 0 && !name.startsWith("META-INF/")) {
                            String pkg = name.substring(0, slash).replace('/', '.');
                            if (pkg.equals(prefix) || pkg.startsWith(prefix + ".")) {
                                packages.add(pkg);
                            }
                        }
                    }
                    version = jarVersion(jar, location, marker);
                }
            }
            List<String> out = new ArrayList<>();
            for (String p : packages) {
                out.add(p + ";version=" + version);
            }
            return out;
        } catch (IOException | URISyntaxException | IllegalArgumentException e) {
            log.warn("cannot list the packages of {} ({}): they are not exported to bundles", markerClass,
                    e.toString());
            return List.of();
        }
    }

    /** The version from the Maven properties, else the manifest, else the file name, as an OSGi version. */
    private static String jarVersion(JarFile jar, Path location, Class<?> marker) throws IOException {
        for (JarEntry e : java.util.Collections.list(jar.entries())) {
            if (e.getName().startsWith("META-INF/maven/") && e.getName().endsWith("/pom.properties")) {
                try (InputStream in = jar.getInputStream(e)) {
                    Properties p = new Properties();
                    p.load(in);
                    if (p.getProperty("version") != null) {
                        return HostPackages.cleanVersion(p.getProperty("version"));
                    }
                }
            }
        }
        Manifest mf = jar.getManifest();
        if (mf != null) {
            Attributes a = mf.getMainAttributes();
            for (String key : new String[] {"Bundle-Version", "Implementation-Version", "Specification-Version"}) {
                if (a.getValue(key) != null) {
                    return HostPackages.cleanVersion(a.getValue(key));
                }
            }
        }
        String file = location.getFileName().toString();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("-(\\d+(\\.\\d+)*)[^/]*\\.jar$").matcher(file);
        return m.find() ? HostPackages.cleanVersion(m.group(1)) : versionOf(marker);
    }

    private static String versionOf(Class<?> marker) {
        Package p = marker.getPackage();
        String v = p == null ? null : p.getImplementationVersion();
        return v == null ? "0.0.0" : HostPackages.cleanVersion(v);
    }
}
