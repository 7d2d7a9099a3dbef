package dev.braid.api.component;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Documents one parameter of a component's configuration record and gives its default. Put it on the record
 * component:
 * <pre>{@code
 * public record TfIdfConfig(
 *     @Param(description = "vector dimension (hash buckets)", defaultValue = "4096", min = 16) int dimension,
 *     @Param(description = "lower-case the text first", defaultValue = "true") boolean lowercase) {}
 * }</pre>
 * A parameter without a default is required. Defaults are written as they would be in YAML
 * ({@code "[a, b]"} for a list, {@code "{}"} for a map).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD})
public @interface Param {

    /** Marks "no default": the parameter is required. */
    String REQUIRED = "\u0000required";

    String description();

    String defaultValue() default REQUIRED;

    /** Smallest accepted value, for numbers. */
    double min() default Double.NEGATIVE_INFINITY;

    /** Largest accepted value, for numbers. */
    double max() default Double.POSITIVE_INFINITY;
}
