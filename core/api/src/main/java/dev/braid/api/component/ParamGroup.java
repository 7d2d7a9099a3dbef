package dev.braid.api.component;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record component of a configuration record whose type is itself a record of {@link Param}s that several
 * components share (a training schedule, a projection): its parameters are written beside the component's own, under
 * the same keys, as if they were declared in the outer record. Two components that both embed
 * {@code Schedule(epochs, patience)} accept {@code {epochs: 20, patience: 3}} at their top level:
 * <pre>{@code
 * public record Schedule(
 *     @Param(description = "most epochs", defaultValue = "20", min = 1) int epochs,
 *     @Param(description = "epochs without improvement before stopping", defaultValue = "3", min = 1) int patience) {}
 *
 * public record MyConfig(
 *     @Param(description = "latent factors", defaultValue = "64", min = 1) int factors,
 *     @ParamGroup Schedule schedule) {}
 * }</pre>
 * The group's keys must not repeat a key of the outer record; the defaults, bounds and descriptions are the group's.
 * Groups may nest.
 *
 * @since 1.3.0
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD})
public @interface ParamGroup {
}
