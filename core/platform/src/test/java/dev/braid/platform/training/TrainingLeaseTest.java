package dev.braid.platform.training;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.pytorch.jni.JniUtils;
import dev.braid.platform.host.HostClassLoaderScope;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class TrainingLeaseTest {

    @Test
    void setsTheIntraOpThreadsWhileHeldAndRestoresThemNestedLeasesIncluded() {
        int before;
        try (TrainingLease probe = TrainingLease.acquire("probe", 0)) {
            before = JniUtils.getNumThreads();
            assertThat(probe.engine().getEngineName()).isEqualTo(TrainingLease.ENGINE);
        }
        int other = before == 1 ? 2 : 1;
        try (TrainingLease outer = TrainingLease.acquire("outer", other)) {
            assertThat(JniUtils.getNumThreads()).isEqualTo(other);
            assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(HostClassLoaderScope.hostLoader());
            try (TrainingLease inner = TrainingLease.acquire("inner", before)) {
                assertThat(JniUtils.getNumThreads()).isEqualTo(before);
            }
            assertThat(JniUtils.getNumThreads()).isEqualTo(other);
            assertThat(TrainingLease.heldByCurrentThread()).isTrue();
        }
        assertThat(JniUtils.getNumThreads()).isEqualTo(before);
        assertThat(TrainingLease.heldByCurrentThread()).isFalse();
        try (TrainingLease untouched = TrainingLease.acquire("untouched", 0)) {
            assertThat(JniUtils.getNumThreads()).isEqualTo(before);
        }
    }

    @Test
    void aSecondTrainingWaitsUntilTheFirstReleasesTheLease() throws Exception {
        AtomicBoolean secondHeld = new AtomicBoolean();
        AtomicReference<Throwable> error = new AtomicReference<>();
        CountDownLatch secondStarted = new CountDownLatch(1);
        Thread second;
        try (TrainingLease first = TrainingLease.acquire("first", 0)) {
            second = new Thread(() -> {
                secondStarted.countDown();
                try (TrainingLease lease = TrainingLease.acquire("second", 0)) {
                    secondHeld.set(true);
                } catch (Throwable e) {
                    error.set(e);
                }
            }, "second-training");
            second.start();
            secondStarted.await();
            // The second thread parks on the lease: wait for that state, then check it did not get through.
            while (second.getState() != Thread.State.WAITING) {
                Thread.onSpinWait();
            }
            assertThat(secondHeld).isFalse();
        }
        second.join();
        assertThat(error.get()).isNull();
        assertThat(secondHeld).isTrue();
    }

    @Test
    void aClosedLeaseClosedAgainChangesNothing() {
        TrainingLease lease = TrainingLease.acquire("twice", 0);
        lease.close();
        lease.close();
        assertThat(TrainingLease.heldByCurrentThread()).isFalse();
    }
}
