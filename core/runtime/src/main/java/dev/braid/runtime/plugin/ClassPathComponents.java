package dev.braid.runtime.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The class-path host: finds plugin components in plain jars (and class folders) on a class loader, through the
 * same {@code Braid-Components} manifest header the OSGi host reads from bundles. Every jar with the header becomes
 * one registry source; its classes are loaded by the given class loader. Nothing here touches OSGi, so the engine
 * runs where no framework can (Spark executors, plugin unit tests). The set of components is fixed at scan time.
 */
public final class ClassPathComponents implements ComponentHost {
    private static final Logger log = LoggerFactory.getLogger(ClassPathComponents.class);
    private static final String MANIFEST = "META-INF/MANIFEST.MF";

    private final ComponentRegistry registry;
    private final List<String> sources;

    private ClassPathComponents(ComponentRegistry registry, List<String> sources) {
        this.registry = registry;
        this.sources = sources;
    }

    /**
     * Registers the components of every jar on {@code loader} whose manifest has a {@code Braid-Components} header.
     * A listed class that cannot be used is recorded as a {@link PluginProblem} of its jar, like a faulty bundle.
     */
    public static ClassPathComponents scan(ClassLoader loader, ComponentRegistry registry) {
        List<String> sources = new ArrayList<>();
        Enumeration<URL> manifests;
        try {
            manifests = loader.getResources(MANIFEST);
        } catch (IOException e) {
            throw new IllegalStateException("cannot list the manifests on the class path: " + e.getMessage(), e);
        }
        long id = 0;
        while (manifests.hasMoreElements()) {
            URL url = manifests.nextElement();
            Attributes main = read(url);
            String header = main == null ? null : main.getValue(BundleComponentTracker.HEADER);
            if (header == null || header.isBlank()) {
                continue;
            }
            String location = location(url);
            String source = "classpath:" + location;
            if (sources.contains(source)) {
                continue;
            }
            ComponentDescriptor.Origin origin = new ComponentDescriptor.Origin(symbolicName(main, location),
                    version(main), ++id);
            List<ComponentDescriptor> found = new ArrayList<>();
            List<PluginProblem> problems = new ArrayList<>();
            for (String className : header.split(",")) {
                String cn = className.trim();
                if (cn.isEmpty()) {
                    continue;
                }
                try {
                    found.add(ComponentDescriptor.of(Class.forName(cn, false, loader), origin));
                } catch (ClassNotFoundException | LinkageError | IllegalArgumentException e) {
                    String msg = "component class " + cn + " listed in " + BundleComponentTracker.HEADER + " of "
                            + location + " cannot be used: " + e;
                    log.error("{}", msg);
                    problems.add(new PluginProblem(origin.label(), msg));
                }
            }
            log.info("Class-path jar {} {} provides {}", origin.symbolicName(), origin.version(),
                    found.stream().map(ComponentDescriptor::name).toList());
            registry.setSource(source, found, problems, "class-path jar " + origin.label() + " found");
            sources.add(source);
        }
        return new ClassPathComponents(registry, List.copyOf(sources));
    }

    /** The registry sources this scan added ("classpath:" + jar location), in class-path order. */
    public List<String> sources() {
        return sources;
    }

    @Override
    public String description() {
        return "class path (" + sources.size() + " plugin jars)";
    }

    @Override
    public void close() {
        for (String source : sources) {
            registry.setSource(source, List.of(), List.of(), "class path host closed");
        }
    }

    private static Attributes read(URL url) {
        try (InputStream in = url.openStream()) {
            return new Manifest(in).getMainAttributes();
        } catch (IOException e) {
            log.warn("Cannot read {}: {}", url, e.getMessage());
            return null;
        }
    }

    /** The jar or folder a manifest belongs to: {@code jar:file:/a.jar!/META-INF/...} gives {@code file:/a.jar}. */
    static String location(URL manifest) {
        String s = manifest.toString();
        if (s.startsWith("jar:") && s.contains("!/")) {
            return s.substring(4, s.indexOf("!/"));
        }
        return s.endsWith(MANIFEST) ? s.substring(0, s.length() - MANIFEST.length()) : s;
    }

    private static String symbolicName(Attributes main, String location) {
        String bsn = main.getValue("Bundle-SymbolicName");
        if (bsn != null && !bsn.isBlank()) {
            return bsn.split(";", 2)[0].trim();
        }
        String title = main.getValue(Attributes.Name.IMPLEMENTATION_TITLE);
        if (title != null && !title.isBlank()) {
            return title.trim();
        }
        String trimmed = location.endsWith("/") ? location.substring(0, location.length() - 1) : location;
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }

    private static String version(Attributes main) {
        String v = main.getValue("Bundle-Version");
        if (v == null || v.isBlank()) {
            v = main.getValue(Attributes.Name.IMPLEMENTATION_VERSION);
        }
        return v == null || v.isBlank() ? "0.0.0" : v.trim();
    }
}
