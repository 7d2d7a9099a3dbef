package dev.braid.runtime.plugin;

import java.util.Optional;

/**
 * One jar in a plugin folder and what the host made of it, for {@code braid plugins}.
 *
 * @param file     the jar, relative to the installation ("plugins/x.jar")
 * @param origin   the bundle installed from it, empty when it could not be installed
 * @param failure  why it is not providing components (not installed, not started), empty when it is
 */
public record PluginJar(String file, Optional<ComponentDescriptor.Origin> origin, Optional<String> failure) {
}
