package dev.braid.runtime.query;

import dev.braid.api.data.ItemContent;

/**
 * A query by example: ad-hoc content, optionally blended with a user.
 *
 * @param content the text, image and audio sent
 * @param user    the user part (id, k, exclusions, parameters, history exclusion)
 */
public record ContentQuery(ItemContent content, UserQuery user) {
}
