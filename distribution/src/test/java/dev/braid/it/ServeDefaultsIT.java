package dev.braid.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The serving defaults, on {@code bin/braid serve} from the built distribution: a user's history is left out, an
 * unknown user gets the popularity fallback (or what {@code serve.unknownUser} says), a query by example without
 * {@code variant=} goes to a variant that can read it, and {@code /items/{id}/explain} shows why.
 * The fixture: u{n} has seen i1 .. i{13-n}; i{n} was seen by 13-n users; even items are Dramas.
 */
class ServeDefaultsIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path home;
    private ServerProcess server;

    @BeforeEach
    void setUp() throws Exception {
        home = Distribution.freshHome(dir);
        ServeFixture.writeData(dir);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    /** The fixture's configuration with extra keys in its serve section. */
    private ServerProcess start(String serveKeys) throws Exception {
        Path config = dir.resolve("serve.yaml");
        ServeFixture.write(config, ServeFixture.config("{name: rules, excludeSeen: false}") + serveKeys);
        server = ServerProcess.start(home, dir.resolve("cache"), config, Map.of());
        return server;
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static List<String> ids(JsonNode listing) {
        List<String> out = new ArrayList<>();
        listing.get("items").forEach(i -> out.add(i.get("id").asText()));
        return out;
    }

    @Test
    void byDefaultTheHistoryIsLeftOutAndUnknownUsersGetThePopularItemsTheRulesAllow() throws Exception {
        ServerProcess s = start("");
        // u11 has seen i1 and i2: no rule drops seen items here, the serving default does.
        assertThat(ids(json(s.get("/recommendations?user=u11&k=3&variant=popular")))).containsExactly("i3", "i4",
                "i5");
        assertThat(ids(json(s.get("/recommendations?user=u11&k=5&variant=content")))).hasSize(5)
                .doesNotContain("i1", "i2");
        assertThat(ids(json(s.get("/recommendations?user=u11&k=3&variant=popular&excludeHistory=false"))))
                .containsExactly("i1", "i2", "i3");
        JsonNode byExample = json(s.postJson("/recommendations", "{\"text\": \"laughs party\", \"user\": \"u11\", "
                + "\"k\": 30, \"variant\": \"content\"}"));
        assertThat(ids(byExample)).doesNotContain("i1", "i2");
        assertThat(ids(json(s.postJson("/recommendations", "{\"text\": \"laughs party\", \"user\": \"u11\", "
                + "\"k\": 30, \"variant\": \"content\", \"excludeHistory\": false}")))).contains("i1");
        assertThat(s.get("/recommendations?user=u11&excludeHistory=maybe").statusCode()).isEqualTo(400);

        // An unknown user on the content variant (which has nothing to go on): the most popular items, by count.
        JsonNode stranger = json(s.get("/recommendations?user=stranger&k=3&variant=content"));
        assertThat(ids(stranger)).containsExactly("i1", "i2", "i3");
        assertThat(stranger.get("fallback").asText()).isEqualTo("popular: user unknown");
        assertThat(stranger.get("items").get(0).get("score").asDouble()).isEqualTo(12.0);
        stranger.get("items").forEach(i -> assertThat(i.get("reasons").toString())
                .isEqualTo("[\"popular: user unknown\"]"));
        // The chain's rules still hold for the fallback: a genre excluded by a request parameter stays out.
        assertThat(ids(json(s.get("/recommendations?user=stranger&k=3&variant=content&exclude.genre=Comedy"))))
                .containsExactly("i2", "i4", "i6");
        JsonNode anonymous = json(s.get("/recommendations?k=40&variant=content&exclude=i1"));
        assertThat(anonymous.get("fallback").asText()).isEqualTo("popular: no user");
        assertThat(ids(anonymous)).as("only items someone interacted with, never score 0").hasSize(11)
                .doesNotContain("i1", "i13");

        // Why: explain shows the chain's reasons, and that an item of the history is not recommendable.
        JsonNode why = json(s.get("/items/i3/explain?user=u11&variant=popular"));
        assertThat(why.get("recommendable").asBoolean()).isTrue();
        assertThat(why.get("item").get("id").asText()).isEqualTo("i3");
        assertThat(why.get("reasons").toString()).contains("popularity");
        assertThat(json(s.get("/items/i1/explain?user=u11&variant=popular")).get("recommendable").asBoolean())
                .isFalse();
        assertThat(json(s.get("/items/i1/explain?user=u11&variant=popular&excludeHistory=false"))
                .get("recommendable").asBoolean()).isTrue();
        assertThat(s.get("/items/i1/explain?user=stranger").statusCode()).isEqualTo(404);
        assertThat(s.get("/items/nope/explain?user=u11").statusCode()).isEqualTo(404);
    }

    @Test
    void aQueryByExampleWithoutAVariantGoesToOneThatReadsIt() throws Exception {
        ServerProcess s = start("");
        // Half the users are assigned to 'popular', which encodes nothing: content queries must not land there.
        Set<String> variants = new HashSet<>();
        for (int u = 0; u < 20; u++) {
            JsonNode r = json(s.postJson("/recommendations", "{\"text\": \"laughs party\", \"k\": 3, \"user\": \"x"
                    + u + "\"}"));
            variants.add(r.get("variant").asText());
            assertThat(r.get("encoded").toString()).isEqualTo("[\"text\"]");
        }
        for (int n = 0; n < 10; n++) {
            variants.add(json(s.postJson("/recommendations", "{\"text\": \"tears\", \"k\": 3}")).get("variant")
                    .asText());
        }
        assertThat(variants).containsExactly("content");
        String audio = Base64.getEncoder().encodeToString(new byte[] {1, 2, 3, 4});
        HttpResponse<String> unreadable = s.postJson("/recommendations", "{\"audio\": \"" + audio + "\"}");
        assertThat(unreadable.statusCode()).as(unreadable.body()).isEqualTo(422);
        assertThat(JSON.readTree(unreadable.body()).get("error").asText())
                .contains("no served variant encodes [audio]", "content=[text, image]", "popular=[]");
    }

    @Test
    void theUnknownUserPolicyAndTheHistoryDefaultAreConfigurable() throws Exception {
        ServerProcess s = start("  excludeHistory: false\n  unknownUser: error\n");
        assertThat(ids(json(s.get("/recommendations?user=u11&k=3&variant=popular")))).containsExactly("i1", "i2",
                "i3");
        HttpResponse<String> refused = s.get("/recommendations?user=stranger&variant=content");
        assertThat(refused.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(refused.body()).get("error").asText())
                .contains("'stranger' is not in the training data", "serve.unknownUser is error");
    }

    @Test
    @Tag("slow")
    void theShippedServeConfigurationServesWithItsDocumentedDefaults() throws Exception {
        server = ServerProcess.start(home, dir.resolve("cache"), home.resolve("conf/serve.yaml"),
                Map.of("BRAID_ADMIN_TOKEN", "shipped-token"));
        JsonNode health = json(server.get("/health"));
        assertThat(health.get("variants").fieldNames()).toIterable().containsExactly("content", "popular");
        String user = json(server.get("/users?limit=1")).get("users").get(0).asText();
        Set<String> seen = new HashSet<>(ids(json(server.get("/users/" + user + "/history?k=1000"))));
        for (String variant : List.of("content", "popular")) {
            List<String> shown = ids(json(server.get("/recommendations?k=20&user=" + user + "&variant=" + variant)));
            assertThat(shown).hasSize(20).doesNotContainAnyElementsOf(seen);
        }
        assertThat(json(server.get("/recommendations?user=nobody-at-all")).get("fallback").asText())
                .isEqualTo("popular: user unknown");
        assertThat(json(server.postJson("/recommendations", "{\"text\": \"hello\"}")).get("variant").asText())
                .isEqualTo("content");
        JsonNode reload = json(server.post("/admin/reload", null, new byte[0], "Authorization",
                "Bearer shipped-token"));
        assertThat(reload.get("content").get("succeeded").asBoolean()).isTrue();
    }

    @Test
    void anEmptyPolicyAnswersNoItemsAndSaysWhy() throws Exception {
        ServerProcess s = start("  unknownUser: empty\n");
        JsonNode r = json(s.get("/recommendations?user=stranger&variant=content"));
        assertThat(r.get("items")).isEmpty();
        assertThat(r.get("fallback").asText()).isEqualTo("empty: user unknown");
    }
}
