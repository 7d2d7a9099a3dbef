package dev.braid.api.component;

import dev.braid.api.data.Modality;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class as a Braid component and names it. The class implements one of the component interfaces
 * ({@link dev.braid.api.kind.ComponentKind}) and has exactly one public constructor, whose parameters may be:
 * <ul>
 *   <li>its configuration record ({@link #config()}), bound from the pipeline configuration and validated,</li>
 *   <li>shared services: {@link dev.braid.api.compute.ComputeBackend}, {@link SharedResources},
 *       {@link Environment}.</li>
 * </ul>
 * The runtime creates one instance per pipeline generation (reused while its class, configuration and
 * dependencies stay the same) and calls {@link AutoCloseable#close()} when the generation retires.
 * On a plain class path (tests, Spark executors) the constructor can simply be called.
 *
 * <p>A bundle lists its components in the {@code Braid-Components} manifest header; with bnd this is
 * {@code Braid-Components: ${classes;ANNOTATED;dev.braid.api.component.BraidComponent}}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface BraidComponent {

    /** The name configurations use ({@code tfidf}, {@code popularity}); lower case, unique per kind. */
    String name();

    /** The configuration record the constructor takes, or {@link NoConfig}. */
    Class<? extends Record> config() default NoConfig.class;

    /** For encoders: the modality they encode. Listed by {@code braid plugins} without creating the component. */
    Modality[] modality() default {};

    /** One line saying what the component does. */
    String description() default "";
}
