package dev.braid.platform.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class HostClassLoaderScopeTest {

    @Test
    void setsTheHostLoaderAndRestoresThePreviousOneNestedScopesIncluded() throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader original = thread.getContextClassLoader();
        try (URLClassLoader bundleLike = new URLClassLoader(new URL[0], null)) {
            thread.setContextClassLoader(bundleLike);
            try (HostClassLoaderScope outer = HostClassLoaderScope.enter()) {
                assertThat(thread.getContextClassLoader()).isSameAs(HostClassLoaderScope.hostLoader());
                try (HostClassLoaderScope inner = HostClassLoaderScope.enter()) {
                    assertThat(thread.getContextClassLoader()).isSameAs(HostClassLoaderScope.hostLoader());
                }
                assertThat(thread.getContextClassLoader()).isSameAs(HostClassLoaderScope.hostLoader());
            }
            assertThat(thread.getContextClassLoader()).isSameAs(bundleLike);
        } finally {
            thread.setContextClassLoader(original);
        }
    }

    @Test
    void theHostLoaderSeesTheHostLibraries() throws Exception {
        assertThat(HostClassLoaderScope.hostLoader().loadClass("ai.djl.engine.Engine")).isNotNull();
    }

    @Test
    void refusesToBeClosedOnAnotherThread() throws Exception {
        HostClassLoaderScope scope = HostClassLoaderScope.enter();
        try {
            AtomicReference<Throwable> error = new AtomicReference<>();
            Thread other = new Thread(() -> {
                try {
                    scope.close();
                } catch (Throwable e) {
                    error.set(e);
                }
            }, "other");
            other.start();
            other.join();
            assertThat(error.get()).isInstanceOf(IllegalStateException.class).hasMessageContaining("'other'");
        } finally {
            scope.close();
        }
        scope.close();
    }
}
