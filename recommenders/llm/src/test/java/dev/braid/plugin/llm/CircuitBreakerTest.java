package dev.braid.plugin.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

    @Test
    void opensAfterTheThresholdLetsOneTrialThroughAfterTheCooldownAndClosesOnSuccess() {
        AtomicLong now = new AtomicLong();
        CircuitBreaker b = new CircuitBreaker(3, 1_000, now::get);
        b.failure();
        b.success(); // a success resets the count
        b.failure();
        b.failure();
        assertThat(b.allow()).isTrue();
        b.failure();
        assertThat(b.isOpen()).isTrue();
        assertThat(b.allow()).isFalse();
        now.addAndGet(1_000);
        assertThat(b.allow()).isTrue();   // the trial
        assertThat(b.allow()).isFalse();  // only one
        b.failure();                      // the trial failed: open again for a full cooldown
        now.addAndGet(999);
        assertThat(b.allow()).isFalse();
        now.addAndGet(1);
        assertThat(b.allow()).isTrue();
        b.success();
        assertThat(b.isOpen()).isFalse();
        assertThat(b.allow()).isTrue();
        assertThat(b.allow()).isTrue();
    }

    @Test
    void aTrialThatSentNothingIsGivenBack() {
        AtomicLong now = new AtomicLong();
        CircuitBreaker b = new CircuitBreaker(1, 10, now::get);
        b.failure();
        now.addAndGet(10);
        assertThat(b.allow()).isTrue();
        b.release();
        assertThat(b.allow()).isTrue();
    }
}
