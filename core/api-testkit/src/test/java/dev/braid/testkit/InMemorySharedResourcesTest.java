package dev.braid.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.braid.api.component.SharedResources.Lease;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InMemorySharedResourcesTest {

    /** A resource that counts how often it was created and closed. */
    private static final class Counted implements AutoCloseable {
        static final AtomicInteger CREATED = new AtomicInteger();
        final AtomicInteger closed = new AtomicInteger();

        Counted() {
            CREATED.incrementAndGet();
        }

        @Override
        public void close() {
            closed.incrementAndGet();
        }
    }

    @Test
    void oneKeyIsCreatedOnceSharedAndClosedWithItsLastLease() {
        try (InMemorySharedResources r = new InMemorySharedResources()) {
            int before = Counted.CREATED.get();
            Lease<Counted> a = r.acquire("model:abc", Counted.class, Counted::new);
            Lease<Counted> b = r.acquire("model:abc", Counted.class, Counted::new);
            assertThat(Counted.CREATED.get() - before).isEqualTo(1);
            assertThat(a.get()).isSameAs(b.get());
            a.close();
            a.close();
            assertThat(b.get().closed).hasValue(0);
            assertThat(r.held()).isEqualTo(1);
            b.close();
            assertThat(b.get().closed).hasValue(1);
            assertThat(r.held()).isZero();
        }
    }

    @Test
    void aSecondTypeForOneKeyIsRefusedNamingTheKey() {
        try (InMemorySharedResources r = new InMemorySharedResources()) {
            r.acquire("k", Counted.class, Counted::new);
            assertThatThrownBy(() -> r.acquire("k", AutoCloseableString.class, AutoCloseableString::new))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("'k'");
            assertThatThrownBy(() -> r.acquire("null", Counted.class, () -> null))
                    .hasMessageContaining("'null' returned null");
        }
    }

    private static final class AutoCloseableString implements AutoCloseable {
        @Override
        public void close() {
        }
    }
}
