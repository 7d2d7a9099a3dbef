package dev.braid.runtime.inject;

import com.google.inject.AbstractModule;
import com.google.inject.ConfigurationException;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.ProvisionException;
import com.google.inject.Stage;
import com.google.inject.spi.Message;
import dev.braid.api.component.Environment;
import dev.braid.api.component.SharedResources;
import dev.braid.api.compute.ComputeBackend;
import dev.braid.runtime.plugin.ComponentDescriptor;
import java.lang.reflect.Constructor;

/**
 * Creates component instances with Guice: the component's single public constructor is the injection point
 * (plugins carry no injection annotations), its configuration record is bound to the validated value, and the shared
 * services (compute backend, shared resources, environment) come from the parent injector.
 */
public final class ComponentFactory {
    static {
        // Reflection instead of generated classes: component classes live in bundle class loaders.
        System.setProperty("guice_bytecode_gen_option", "DISABLED");
    }

    private final Injector services;

    public ComponentFactory(ComputeBackend backend, SharedResources resources, Environment environment) {
        this.services = Guice.createInjector(Stage.PRODUCTION, new AbstractModule() {
            @Override
            protected void configure() {
                bind(ComputeBackend.class).toInstance(backend);
                bind(SharedResources.class).toInstance(resources);
                bind(Environment.class).toInstance(environment);
            }
        });
    }

    /**
     * Creates a component.
     *
     * @param config the bound configuration record (of {@code descriptor.configType()})
     * @param where  where the component is declared in the configuration, for messages
     * @throws ComponentBuildException naming the component and the cause when its constructor fails
     */
    public Object create(ComponentDescriptor descriptor, Record config, String where) {
        Class<?> type = descriptor.type();
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        // Libraries that use ServiceLoader through the context class loader then see the plugin's classes.
        Thread.currentThread().setContextClassLoader(type.getClassLoader());
        try {
            Injector child = services.createChildInjector(new AbstractModule() {
                @Override
                @SuppressWarnings({"unchecked", "rawtypes"})
                protected void configure() {
                    if (config != null) {
                        bind((Class) config.getClass()).toInstance(config);
                    }
                    Constructor ctor = type.getConstructors()[0];
                    bind((Class) type).toConstructor(ctor);
                }
            });
            return child.getInstance(type);
        } catch (ProvisionException e) {
            throw failure(descriptor, where, rootCause(e));
        } catch (CreationException | ConfigurationException e) {
            String messages = (e instanceof CreationException c ? c.getErrorMessages() :
                    ((ConfigurationException) e).getErrorMessages()).stream().map(Message::getMessage)
                    .reduce((a, b) -> a + "; " + b).orElse(e.getMessage());
            throw new ComponentBuildException("component " + descriptor.label() + " at " + where
                    + " cannot be wired: " + messages + " (constructor parameters may be its configuration "
                    + "record, ComputeBackend, SharedResources and Environment)", e);
        } catch (LinkageError e) {
            throw failure(descriptor, where, e);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    private static ComponentBuildException failure(ComponentDescriptor d, String where, Throwable cause) {
        String msg = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getClass().getSimpleName()
                + ": " + cause.getMessage();
        return new ComponentBuildException("component " + d.label() + " at " + where + " failed in its constructor: "
                + msg, cause);
    }

    private static Throwable rootCause(ProvisionException e) {
        Throwable t = e.getCause() != null ? e.getCause() : e;
        if (e.getCause() == null && !e.getErrorMessages().isEmpty() && e.getErrorMessages().iterator().next()
                .getCause() != null) {
            t = e.getErrorMessages().iterator().next().getCause();
        }
        while (t instanceof java.lang.reflect.InvocationTargetException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
