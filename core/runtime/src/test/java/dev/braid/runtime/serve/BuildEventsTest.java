package dev.braid.runtime.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.braid.runtime.generation.BuildOutcome;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class BuildEventsTest {
    private static BuildOutcome outcome(int attempt, String reason) {
        return new BuildOutcome(attempt, attempt, reason, null, Instant.EPOCH);
    }

    @Test
    void aWaiterGetsTheFirstBuildThatCarriesItsReasonOnly() {
        BuildEvents events = new BuildEvents();
        CompletableFuture<BuildOutcome> second = events.next("admin reload #2");
        CompletableFuture<BuildOutcome> third = events.next("admin reload #3");
        events.accept(outcome(1, "configuration changed"));
        events.accept(outcome(2, "admin reload #20"));
        assertThat(second).isNotDone();
        events.accept(outcome(3, "configuration changed; admin reload #2"));
        assertThat(second).isCompletedWithValueMatching(o -> o.attempt() == 3);
        assertThat(third).isNotDone();
        events.accept(outcome(4, "admin reload #2; admin reload #3"));
        assertThat(second.join().attempt()).as("completed once").isEqualTo(3);
        assertThat(third).isCompletedWithValueMatching(o -> o.attempt() == 4);
    }

    @Test
    void aForgottenWaiterIsNeverCompleted() {
        BuildEvents events = new BuildEvents();
        CompletableFuture<BuildOutcome> f = events.next("admin reload #1");
        events.forget(f);
        events.accept(outcome(1, "admin reload #1"));
        assertThat(f).isNotDone();
    }
}
