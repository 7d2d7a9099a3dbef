package dev.braid.plugin.rules;

import dev.braid.api.component.Param;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * When a conditional rule applies ({@code when:} on a filter, boost or pin). Every part that is given must hold.
 *
 * @param history          the user's training history contains at least one of these item ids
 * @param historyAttribute for every listed attribute, some item of the user's history has one of the values
 *                         (e.g. {@code {genre: [Horror]}})
 * @param params           the request has all these parameters with these exact values (e.g. {@code {region: eu}})
 */
public record Condition(
        @Param(description = "the user's history contains one of these item ids", defaultValue = "[]")
        List<String> history,
        @Param(description = "attribute -> values: some history item has one of the values", defaultValue = "{}")
        Map<String, List<String>> historyAttribute,
        @Param(description = "request parameters that must have these values", defaultValue = "{}")
        Map<String, String> params) {

    public Condition {
        history = history == null ? List.of() : List.copyOf(history);
        historyAttribute = historyAttribute == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(historyAttribute));
        params = params == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /** A condition on the history only. */
    public static Condition historyContains(String... items) {
        return new Condition(List.of(items), Map.of(), Map.of());
    }

    /** Whether nothing is required (the rule always applies). */
    public boolean isEmpty() {
        return history.isEmpty() && historyAttribute.isEmpty() && params.isEmpty();
    }

    /** A short text for rule names: {@code history:m1|m2,history.genre:Horror,param.region:eu}. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (!history.isEmpty()) {
            parts.add("history:" + String.join("|", history));
        }
        historyAttribute.forEach((a, v) -> parts.add("history." + a + ":" + String.join("|", v)));
        params.forEach((k, v) -> parts.add("param." + k + ":" + v));
        return String.join(",", parts);
    }
}
