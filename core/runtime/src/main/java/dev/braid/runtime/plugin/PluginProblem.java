package dev.braid.runtime.plugin;

/**
 * Something wrong with a plugin that the user should hear about (a listed class that does not load, a bundle that
 * does not start), kept so {@code braid plugins} and the admin endpoints can show it.
 *
 * @param source  the bundle or file
 * @param message what went wrong and what to do
 */
public record PluginProblem(String source, String message) {
}
