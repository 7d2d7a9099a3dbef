package dev.braid.runtime.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VariantRouterTest {
    @Test
    void aUserAlwaysGetsTheSameVariant() {
        VariantRouter r = new VariantRouter(shares(0.5, 0.5));
        for (int u = 0; u < 100; u++) {
            String first = r.assign("user-" + u);
            for (int i = 0; i < 5; i++) {
                assertThat(r.assign("user-" + u)).isEqualTo(first);
            }
        }
    }

    @Test
    void usersSplitByTheDeclaredShares() {
        VariantRouter r = new VariantRouter(shares(0.2, 0.8));
        Map<String, Integer> counts = new HashMap<>();
        for (int u = 0; u < 20_000; u++) {
            counts.merge(r.assign("u" + u), 1, Integer::sum);
        }
        assertThat(counts.get("a") / 20_000.0).isBetween(0.18, 0.22);
        assertThat(counts.get("b") / 20_000.0).isBetween(0.78, 0.82);
    }

    @Test
    void aZeroShareGetsNoUsers() {
        VariantRouter r = new VariantRouter(shares(0.0, 1.0));
        for (int u = 0; u < 1000; u++) {
            assertThat(r.assign("u" + u)).isEqualTo("b");
        }
    }

    @Test
    void amongEligibleVariantsTheSharesAreRenormalisedAndUsersStaySticky() {
        Map<String, Double> three = new LinkedHashMap<>(shares(0.5, 0.3));
        three.put("c", 0.2);
        VariantRouter r = new VariantRouter(three);
        Map<String, Integer> counts = new HashMap<>();
        for (int u = 0; u < 20_000; u++) {
            String v = r.assign("u" + u, java.util.Set.of("b", "c"));
            assertThat(r.assign("u" + u, java.util.List.of("c", "b"))).isEqualTo(v);
            counts.merge(v, 1, Integer::sum);
        }
        assertThat(counts).containsOnlyKeys("b", "c");
        assertThat(counts.get("b") / 20_000.0).isBetween(0.58, 0.62);
        assertThat(r.assign(null, java.util.Set.of("c"))).isEqualTo("c");
        assertThat(new VariantRouter(shares(1.0, 0.0)).assign("u1", java.util.Set.of("b"))).isEqualTo("b");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> r.assign("u1", java.util.Set.of("zzz")))
                .hasMessageContaining("served: [a, b, c]");
    }

    private static Map<String, Double> shares(double a, double b) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("a", a);
        m.put("b", b);
        return m;
    }
}
