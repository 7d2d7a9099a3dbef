package dev.braid.plugin.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.braid.api.generator.Query;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RequestDeadlineTest {

    @Test
    void laterStagesOfTheSameRequestShareTheDeadlineAndAnotherRequestStartsItsOwn() throws Exception {
        Query request = new Query("u1", null, Set.of(), Map.of("explain", "llm"));
        long first = RequestDeadline.of(request, TimeUnit.SECONDS.toNanos(1));
        // A later stage with a larger budget of its own still gets what is left of the first one.
        assertThat(RequestDeadline.of(request, TimeUnit.SECONDS.toNanos(60))).isEqualTo(first);
        // An equal query that is another request (another object) gets a fresh deadline.
        Query next = new Query("u1", null, Set.of(), Map.of("explain", "llm"));
        assertThat(next).isEqualTo(request);
        assertThat(RequestDeadline.of(next, TimeUnit.SECONDS.toNanos(60))).isGreaterThan(first);
        // Each thread serves its own request.
        long[] other = new long[1];
        Thread t = new Thread(() -> other[0] = RequestDeadline.of(request, TimeUnit.SECONDS.toNanos(60)));
        t.start();
        t.join();
        assertThat(other[0]).isGreaterThan(first);
    }
}
