package dev.braid.runtime.serve;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.braid.api.data.Item;
import dev.braid.runtime.generation.Generation;
import io.javalin.http.NotFoundResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * An item as every answer shows it.
 *
 * @param image the path of its picture ({@code /items/ID/image}), absent when it has none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ItemSummary(String id, String title, Map<String, List<String>> attributes, String image) {

    static ItemSummary of(Generation g, int index) {
        Item it = g.catalog().item(index);
        String image = it.content().image() == null ? null
                : "/items/" + URLEncoder.encode(it.id(), StandardCharsets.UTF_8) + "/image";
        return new ItemSummary(it.id(), it.title(), it.attributes(), image);
    }

    /** The catalog index of an item id. @throws HttpResponseException 404 when the catalog has no such item */
    static int index(Generation g, String id) {
        int index = g.catalog().indexOf(id);
        if (index < 0) {
            throw new NotFoundResponse("no item '" + id + "' in the catalog");
        }
        return index;
    }
}
