package dev.braid.runtime.query;

import java.util.Map;
import java.util.Set;

/**
 * Recommendations for a user.
 *
 * @param user           the user id, or {@code null} for an anonymous request
 * @param k              how many items
 * @param exclude        item ids not to recommend
 * @param params         request parameters for the rules and stages ({@code exclude.genre=Horror})
 * @param excludeHistory whether the items of the user's training history are left out
 */
public record UserQuery(String user, int k, Set<String> exclude, Map<String, String> params,
                        boolean excludeHistory) {
    public UserQuery {
        exclude = exclude == null ? Set.of() : Set.copyOf(exclude);
        params = params == null ? Map.of() : Map.copyOf(params);
    }
}
