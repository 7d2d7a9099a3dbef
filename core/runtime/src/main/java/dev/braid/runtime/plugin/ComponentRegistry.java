package dev.braid.runtime.plugin;

import dev.braid.api.kind.ComponentKind;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All components currently available, by kind and name. Several providers of one name may coexist (a bundle
 * shipped in {@code bundles/} and a newer version dropped into {@code plugins/}); the one with the highest version
 * wins, and when it goes the next one takes over. Thread-safe.
 */
public final class ComponentRegistry {
    private static final Logger log = LoggerFactory.getLogger(ComponentRegistry.class);

    /** Source key (bundle id or "host") to the descriptors it provides. */
    private final Map<String, List<ComponentDescriptor>> bySource = new ConcurrentHashMap<>();
    private final Map<String, List<PluginProblem>> problems = new ConcurrentHashMap<>();
    private final List<RegistryListener> listeners = new CopyOnWriteArrayList<>();
    /** "kind:name" of components whose provider went away, to explain later "unknown component" errors. */
    private final Map<String, String> departed = new ConcurrentHashMap<>();

    /** Replaces what a source provides (empty list = the source is gone) and notifies listeners. */
    public void setSource(String source, List<ComponentDescriptor> descriptors, List<PluginProblem> sourceProblems,
                          String reason) {
        List<ComponentDescriptor> before = bySource.getOrDefault(source, List.of());
        for (ComponentDescriptor d : before) {
            if (descriptors.stream().noneMatch(n -> n.kind() == d.kind() && n.name().equals(d.name()))) {
                departed.put(d.kind().key() + ":" + d.name(), d.origin().label());
            }
        }
        descriptors.forEach(d -> departed.remove(d.kind().key() + ":" + d.name()));
        if (descriptors.isEmpty()) {
            bySource.remove(source);
        } else {
            bySource.put(source, List.copyOf(descriptors));
        }
        if (sourceProblems.isEmpty()) {
            problems.remove(source);
        } else {
            problems.put(source, List.copyOf(sourceProblems));
        }
        for (RegistryListener l : listeners) {
            try {
                l.componentsChanged(reason);
            } catch (RuntimeException e) {
                log.error("A registry listener failed on '{}'", reason, e);
            }
        }
    }

    public void addListener(RegistryListener listener) {
        listeners.add(listener);
    }

    public void removeListener(RegistryListener listener) {
        listeners.remove(listener);
    }

    /** The winning provider of a component, if any. */
    public Optional<ComponentDescriptor> find(ComponentKind kind, String name) {
        return all().stream()
                .filter(d -> d.kind() == kind && d.name().equals(name))
                .max(Comparator.comparing((ComponentDescriptor d) -> new VersionOrder(d.origin().version()))
                        .thenComparingLong(d -> d.origin().bundleId()));
    }

    /** The names available for a kind, sorted, for "unknown component" messages. */
    public List<String> names(ComponentKind kind) {
        return all().stream().filter(d -> d.kind() == kind).map(ComponentDescriptor::name).distinct().sorted()
                .collect(Collectors.toList());
    }

    /** The bundle that last provided a component that is gone now, if any ("x.y 1.0.0"). */
    public Optional<String> departedProvider(ComponentKind kind, String name) {
        return find(kind, name).isPresent() ? Optional.empty()
                : Optional.ofNullable(departed.get(kind.key() + ":" + name));
    }

    /** Every descriptor of every source, including shadowed versions. */
    public List<ComponentDescriptor> all() {
        List<ComponentDescriptor> all = new ArrayList<>();
        bySource.values().forEach(all::addAll);
        all.sort(Comparator.comparing((ComponentDescriptor d) -> d.kind().ordinal()).thenComparing(
                ComponentDescriptor::name));
        return all;
    }

    public List<PluginProblem> problems() {
        return problems.values().stream().flatMap(Collection::stream).toList();
    }

    /** Orders OSGi versions numerically ({@code major.minor.micro.qualifier}); "-" (host) sorts lowest. */
    private record VersionOrder(String version) implements Comparable<VersionOrder> {
        @Override
        public int compareTo(VersionOrder o) {
            String[] a = version.split("\\.", 4);
            String[] b = o.version.split("\\.", 4);
            for (int i = 0; i < 4; i++) {
                String x = i < a.length ? a[i] : "";
                String y = i < b.length ? b[i] : "";
                int c = i < 3 ? Long.compare(num(x), num(y)) : x.compareTo(y);
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        }

        private static long num(String s) {
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                return -1;
            }
        }
    }
}
