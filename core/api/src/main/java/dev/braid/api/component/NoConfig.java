package dev.braid.api.component;

/** The configuration of a component that takes no parameters. */
public record NoConfig() {
}
