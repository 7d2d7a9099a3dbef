package dev.braid.runtime.plugin;

import java.util.ArrayList;
import java.util.List;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.SynchronousBundleListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the {@link ComponentRegistry} in step with the bundles: when a bundle with a {@code Braid-Components}
 * header starts, its components are loaded through the bundle's class loader and registered; when it stops, is
 * updated or uninstalled, they are withdrawn.
 */
public final class BundleComponentTracker implements SynchronousBundleListener {
    /** The manifest header listing a bundle's component classes, comma separated. */
    public static final String HEADER = "Braid-Components";
    private static final Logger log = LoggerFactory.getLogger(BundleComponentTracker.class);

    private final ComponentRegistry registry;

    public BundleComponentTracker(ComponentRegistry registry) {
        this.registry = registry;
    }

    /** Starts tracking, registering the bundles that are already active. */
    public void open(BundleContext context) {
        context.addBundleListener(this);
        for (Bundle b : context.getBundles()) {
            if (b.getState() == Bundle.ACTIVE) {
                added(b);
            }
        }
    }

    @Override
    public void bundleChanged(BundleEvent event) {
        Bundle b = event.getBundle();
        switch (event.getType()) {
            case BundleEvent.STARTED -> added(b);
            case BundleEvent.STOPPED, BundleEvent.UNINSTALLED, BundleEvent.UNRESOLVED -> removed(b,
                    describe(event.getType()));
            default -> {
            }
        }
    }

    private void added(Bundle b) {
        String header = b.getHeaders().get(HEADER);
        if (header == null || header.isBlank()) {
            return;
        }
        List<ComponentDescriptor> found = new ArrayList<>();
        List<PluginProblem> problems = new ArrayList<>();
        ComponentDescriptor.Origin origin = new ComponentDescriptor.Origin(b.getSymbolicName(),
                b.getVersion().toString(), b.getBundleId());
        for (String className : header.split(",")) {
            String cn = className.trim();
            if (cn.isEmpty()) {
                continue;
            }
            try {
                found.add(ComponentDescriptor.of(b.loadClass(cn), origin));
            } catch (ClassNotFoundException | LinkageError | IllegalArgumentException e) {
                String msg = "component class " + cn + " listed in " + HEADER + " cannot be used: " + e;
                log.error("Bundle {} {}: {}", b.getSymbolicName(), b.getVersion(), msg);
                problems.add(new PluginProblem(origin.label(), msg));
            }
        }
        preload(b);
        log.info("Bundle {} {} provides {}", b.getSymbolicName(), b.getVersion(),
                found.stream().map(ComponentDescriptor::name).toList());
        registry.setSource(key(b), found, problems, "bundle " + origin.label() + " started");
    }

    /**
     * Loads every class of the bundle now. A generation built from this bundle keeps running after the bundle is
     * updated or removed (until the generation retires), and by then the bundle's content may be gone: classes it
     * would have loaded lazily (inner classes, lambdas) must already be defined.
     */
    private static void preload(Bundle b) {
        org.osgi.framework.wiring.BundleWiring wiring = b.adapt(org.osgi.framework.wiring.BundleWiring.class);
        if (wiring == null) {
            return;
        }
        for (String resource : wiring.listResources("/", "*.class",
                org.osgi.framework.wiring.BundleWiring.LISTRESOURCES_RECURSE
                        | org.osgi.framework.wiring.BundleWiring.LISTRESOURCES_LOCAL)) {
            String cn = resource.substring(0, resource.length() - ".class".length()).replace('/', '.');
            if (cn.endsWith("package-info") || cn.endsWith("module-info")) {
                continue;
            }
            try {
                b.loadClass(cn);
            } catch (ClassNotFoundException | LinkageError e) {
                log.debug("Bundle {}: class {} does not load ({}); it will fail when used", b.getSymbolicName(), cn,
                        e.toString());
            }
        }
    }

    private void removed(Bundle b, String what) {
        if (b.getHeaders().get(HEADER) == null) {
            return;
        }
        registry.setSource(key(b), List.of(), List.of(), "bundle " + b.getSymbolicName() + " " + b.getVersion()
                + " " + what);
    }

    private static String key(Bundle b) {
        return "bundle:" + b.getBundleId();
    }

    private static String describe(int type) {
        return switch (type) {
            case BundleEvent.STOPPED -> "stopped";
            case BundleEvent.UNINSTALLED -> "uninstalled";
            default -> "unresolved";
        };
    }
}
