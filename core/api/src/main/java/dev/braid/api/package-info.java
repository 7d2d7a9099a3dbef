/**
 * Braid's plugin API. A plugin compiles against this artifact only. Sub-packages:
 * {@link dev.braid.api.data} (immutable data types), {@link dev.braid.api.component} (declaring a component),
 * {@link dev.braid.api.encoder}, {@link dev.braid.api.fusion}, {@link dev.braid.api.generator} and
 * {@link dev.braid.api.compute} (the four kinds of component).
 */
package dev.braid.api;
