package dev.braid.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.Color;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/braid serve} from the built distribution, as a separate process: every endpoint and its refusals, a
 * configuration and a plugin swapped under requests, and a kill -9 that must lose no acknowledged interaction.
 */
class ServeIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path home;
    private Path config;
    private ServerProcess server;

    @BeforeEach
    void setUp() throws Exception {
        home = Distribution.freshHome(dir);
        ServeFixture.writeData(dir);
        config = dir.resolve("serve.yaml");
        ServeFixture.write(config, ServeFixture.config("{name: rules, excludeSeen: true}"));
    }

    @AfterEach
    void tearDown() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private ServerProcess start() throws Exception {
        server = ServerProcess.start(home, dir.resolve("cache"), config, Map.of());
        return server;
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    private static List<String> ids(JsonNode listing) {
        List<String> out = new ArrayList<>();
        listing.get("items").forEach(i -> out.add(i.get("id").asText()));
        return out;
    }

    private static void assertRefused(HttpResponse<String> r, int status, String... words) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(json(r).get("error").asText()).contains(words);
    }

    @Test
    void everyEndpointAnswersAndMalformedRequestsGet4xxWithAMessage() throws Exception {
        ServerProcess s = start();
        String auth = "Bearer " + ServeFixture.TOKEN;

        JsonNode health = json(s.get("/health"));
        assertThat(health.get("status").asText()).isEqualTo("up");
        assertThat(health.get("variants").get("content").get("generation").asInt()).isEqualTo(1);

        // Popularity: u12 has seen i1 only; the popular variant ranks i1, i2, i3 ... and the history is left out.
        JsonNode pop = json(s.get("/recommendations?user=u12&k=3&variant=popular"));
        assertThat(pop.get("variant").asText()).isEqualTo("popular");
        assertThat(ids(pop)).containsExactly("i2", "i3", "i4");
        assertThat(pop.get("items").get(0).get("title").asText()).isEqualTo("Item 2");
        assertThat(ids(json(s.get("/recommendations?user=u12&k=3&variant=popular&exclude=i2,i4"))))
                .containsExactly("i3", "i5", "i6");

        // Content: u12 saw i1 (Comedy): rules drop what was seen; a rule parameter drops a genre.
        JsonNode content = json(s.get("/recommendations?user=u12&k=5&variant=content"));
        assertThat(ids(content)).hasSize(5).doesNotContain("i1");
        JsonNode noComedy = json(s.get("/recommendations?user=u12&k=5&variant=content&exclude.genre=Comedy"));
        noComedy.get("items").forEach(i -> assertThat(i.get("attributes").get("genre").get(0).asText())
                .isEqualTo("Drama"));

        // Sticky assignment: the same user always gets the same variant.
        for (String user : List.of("u1", "u2", "u3", "alice", "bob")) {
            String v = json(s.get("/recommendations?user=" + user + "&k=1")).get("variant").asText();
            for (int i = 0; i < 3; i++) {
                assertThat(json(s.get("/recommendations?user=" + user + "&k=1")).get("variant").asText())
                        .isEqualTo(v);
            }
        }

        // Similar items: a Drama poster and plot are nearest to other Dramas.
        JsonNode similar = json(s.get("/items/i2/similar?k=5&variant=content"));
        assertThat(ids(similar)).hasSize(5).doesNotContain("i2");
        similar.get("items").forEach(i -> assertThat(i.get("attributes").get("genre").get(0).asText())
                .isEqualTo("Drama"));

        // Query by example: a red picture (base64) and text, then a blue picture as multipart.
        String red = Base64.getEncoder().encodeToString(ServeFixture.png(new Color(210, 20, 20), 99));
        JsonNode byRed = json(s.postJson("/recommendations", "{\"image\": \"" + red + "\", \"k\": 4, "
                + "\"variant\": \"content\"}"));
        assertThat(byRed.get("encoded").toString()).contains("image");
        byRed.get("items").forEach(i -> assertThat(i.get("attributes").get("genre").get(0).asText())
                .isEqualTo("Drama"));
        JsonNode byText = json(s.postJson("/recommendations", "{\"text\": \"laughs party\", \"k\": 4, "
                + "\"variant\": \"content\"}"));
        byText.get("items").forEach(i -> assertThat(i.get("attributes").get("genre").get(0).asText())
                .isEqualTo("Comedy"));
        Multipart mp = new Multipart().field("k", "4").field("variant", "content")
                .file("image", "blue.png", ServeFixture.png(new Color(20, 20, 210), 98));
        HttpResponse<String> byBlue = s.post("/recommendations", mp.contentType(), mp.bytes());
        assertThat(byBlue.statusCode()).as(byBlue.body()).isEqualTo(200);
        json(byBlue).get("items").forEach(i -> assertThat(i.get("attributes").get("genre").get(0).asText())
                .isEqualTo("Comedy"));

        // Feedback: u12 was just shown i2 by the popular variant, so posting it is a click for that variant.
        assertThat(ids(json(s.get("/recommendations?user=u12&k=3&variant=popular&exclude=i1"))))
                .containsExactly("i2", "i3", "i4");
        HttpResponse<String> posted = s.postJson("/interactions", "[{\"user\": \"u12\", \"item\": \"i2\", "
                + "\"rating\": 4}, {\"user\": \"new-user\", \"item\": \"i5\"}]");
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(201);
        assertThat(Files.readAllLines(dir.resolve("feedback.log"))).hasSize(2).first().asString()
                .contains("\"user\":\"u12\"", "\"item\":\"i2\"", "\"rating\":4.0");

        // The page, item details, posters, history.
        assertThat(s.get("/").body()).contains("<title>Braid</title>");
        HttpResponse<String> poster = s.get("/items/i1/image");
        assertThat(poster.statusCode()).isEqualTo(200);
        assertThat(poster.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(json(s.get("/users/u11/history")).get("count").asInt()).isEqualTo(2);
        assertThat(json(s.get("/items/i3")).get("title").asText()).isEqualTo("Item 3");

        // Metrics.
        String metrics = s.get("/metrics").body();
        assertThat(metrics).contains("braid_generation{variant=\"content\"} 1.0", "braid_variant_recommendations_total",
                "braid_http_requests_seconds_count{method=\"GET\",route=\"/recommendations\",status=\"200\"}",
                "braid_interactions_total 2.0", "jvm_threads_live_threads");

        // Admin.
        assertRefused(s.get("/admin/generations"), 401, "Authorization: Bearer");
        assertRefused(s.get("/admin/generations", "Authorization", "Bearer wrong"), 401, "wrong admin token");
        JsonNode gens = json(s.get("/admin/generations", "Authorization", auth));
        assertThat(gens.get("variants").get("content").get("live").get("components").toString())
                .contains("tfidf", "color-histogram", "concat", "content-profile", "rules");
        JsonNode reload = json(s.post("/admin/reload", null, new byte[0], "Authorization", auth));
        assertThat(reload.get("content").get("succeeded").asBoolean()).isTrue();
        assertThat(reload.get("content").get("generation").asInt()).isEqualTo(2);
        JsonNode experiments = json(s.get("/admin/experiments", "Authorization", auth));
        assertThat(experiments.get("variants").get("content").get("share").asDouble()).isEqualTo(0.5);
        assertThat(experiments.get("variants").get("content").get("recommendations").asLong()).isPositive();
        assertThat(experiments.get("variants").get("popular").get("clicks").asLong()).isEqualTo(1);
        assertThat(experiments.get("variants").get("content").get("clicks").asLong()).isZero();
        assertThat(experiments.get("variants").get("popular").get("clickThrough").asDouble()).isPositive();

        // Refusals: 4xx with a message, never 500.
        assertRefused(s.get("/recommendations?user=u1&k=0"), 400, "k: expected an integer from 1 to 1000");
        assertRefused(s.get("/recommendations?user=u1&k=lots"), 400, "'lots'");
        assertRefused(s.get("/recommendations?user=u1&variant=zzz"), 400, "no served variant named 'zzz'");
        assertRefused(s.get("/items/nope/similar"), 404, "no item 'nope'");
        assertRefused(s.get("/items/i1/similar?variant=popular"), 409, "no item vectors");
        assertRefused(s.get("/users/nobody/history"), 404, "nobody");
        assertRefused(s.get("/no/such/path"), 404, "/no/such/path");
        assertRefused(s.postJson("/recommendations", "{not json"), 400, "not valid JSON");
        assertRefused(s.postJson("/recommendations", "{}"), 400, "send some content");
        assertRefused(s.postJson("/recommendations", "{\"text\": 42}"), 400, "text: expected a string");
        assertRefused(s.postJson("/recommendations", "{\"image\": \"bm90IGFuIGltYWdl\", \"variant\": \"content\"}"),
                422, "image", "could not be encoded");
        assertRefused(s.postJson("/recommendations", "{\"audio\": \"AAAA\", \"variant\": \"content\"}"), 422,
                "encodes [text, image]");
        assertRefused(s.post("/recommendations", "text/plain", "hi".getBytes(StandardCharsets.UTF_8)), 415,
                "multipart/form-data");
        byte[] big = new byte[70_000];
        assertRefused(s.postJson("/recommendations", "{\"image\": \"" + Base64.getEncoder().encodeToString(big)
                + "\"}"), 413, "limit of 65536");
        Multipart bigUpload = new Multipart().file("image", "big.png", big);
        HttpResponse<String> tooBig = s.post("/recommendations", bigUpload.contentType(), bigUpload.bytes());
        assertThat(tooBig.statusCode()).as(tooBig.body()).isEqualTo(413);
        assertRefused(s.postJson("/interactions", "x".repeat(300_000)), 413, "limit of 262144");
        assertRefused(s.postJson("/interactions", "{\"user\": \"u1\"}"), 400, "item: missing");
        assertRefused(s.postJson("/interactions", "{\"user\": \"u1\", \"item\": \"i999\"}"), 400, "no item 'i999'");
        assertRefused(s.postJson("/interactions", "[{\"user\": \"u1\", \"item\": \"i1\", \"rating\": \"high\"}]"),
                400, "[0].rating: expected a number");
        assertThat(Files.readAllLines(dir.resolve("feedback.log"))).as("refused batches append nothing").hasSize(2);
        assertThat(s.get("/metrics").body()).doesNotContain("status=\"500\"");
    }

    @Test
    @Tag("slow")
    void swappingConfigurationAndPluginsUnderRequestsFailsNoRequest() throws Exception {
        ServerProcess s = start();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger ok = new AtomicInteger();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            int client = c;
            Thread t = new Thread(() -> {
                int n = 0;
                while (!stop.get()) {
                    String user = "u" + (1 + (n++ + client) % 12);
                    try {
                        HttpResponse<String> r = s.get("/recommendations?k=5&user=" + user);
                        if (r.statusCode() == 200 && json(r).get("items").size() > 0) {
                            ok.incrementAndGet();
                        } else {
                            failures.add(r.statusCode() + " " + r.body());
                        }
                    } catch (Exception e) {
                        failures.add(e.toString());
                    }
                }
            });
            t.start();
            clients.add(t);
        }
        try {
            String auth = "Bearer " + ServeFixture.TOKEN;
            List<String> rules = List.of("{name: rules, excludeSeen: false}",
                    "{name: rules, excludeSeen: true, exclude: {genre: [Comedy]}}",
                    "{name: rules, excludeSeen: true}");
            int expected = 1;
            for (String r : rules) {
                ServeFixture.write(config, ServeFixture.config(r));
                expected++;
                int want = expected;
                await(Duration.ofSeconds(30), () -> generation(s, "content") >= want, "content generation " + want);
            }
            assertThat(ok.get()).as("requests served while swapping").isPositive();
            // A new version of a plugin jar: the popular variant's generator comes from it.
            Distribution.withVersion(Distribution.shippedBundle("braid-popularity"), "9.0.0",
                    home.resolve("plugins/braid-popularity-9.0.0.jar"));
            await(Duration.ofSeconds(30), () -> {
                try {
                    return json(s.get("/admin/generations", "Authorization", auth)).get("variants").get("popular")
                            .get("live").get("components").toString().contains("9.0.0");
                } catch (Exception e) {
                    return false;
                }
            }, "popularity 9.0.0 live");
            Thread.sleep(500);
        } finally {
            stop.set(true);
            for (Thread t : clients) {
                t.join();
            }
        }
        assertThat(failures).as("failed requests during the swaps").isEmpty();
        assertThat(ok.get()).isGreaterThan(50);
        assertThat(s.get("/metrics").body()).doesNotContain("status=\"5");
    }

    private static int generation(ServerProcess s, String variant) {
        try {
            JsonNode g = json(s.get("/health")).get("variants").get(variant).get("generation");
            return g == null || g.isNull() ? 0 : g.asInt();
        } catch (Exception e) {
            return 0;
        }
    }

    @Test
    void aServerKilledWithSigkillLosesNoAcknowledgedInteractionAndTheNextStartTrainsOnThem() throws Exception {
        ServerProcess s = start();
        List<String> acknowledged = new ArrayList<>();
        AtomicBoolean killed = new AtomicBoolean();
        Thread writer = new Thread(() -> {
            for (int n = 0; !killed.get(); n++) {
                String user = "online-" + n;
                try {
                    HttpResponse<String> r = s.postJson("/interactions", "{\"user\": \"" + user + "\", \"item\": \"i"
                            + (1 + n % 40) + "\", \"rating\": 5}");
                    if (r.statusCode() == 201) {
                        synchronized (acknowledged) {
                            acknowledged.add(user);
                        }
                    }
                } catch (Exception e) {
                    return; // the server is gone
                }
            }
        });
        writer.start();
        await(Duration.ofSeconds(30), () -> {
            synchronized (acknowledged) {
                return acknowledged.size() >= 200;
            }
        }, "200 acknowledged interactions");
        s.kill9();
        killed.set(true);
        writer.join();
        server = null;

        Set<String> logged = new java.util.HashSet<>();
        for (String line : Files.readAllLines(dir.resolve("feedback.log"))) {
            if (!line.isBlank()) {
                logged.add(JSON.readTree(line).get("user").asText());
            }
        }
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(200);
        assertThat(logged).as("every acknowledged interaction is in the log").containsAll(acknowledged);

        // Replay: the next start trains on the log (dataset.feedback), so online users have a history.
        ServerProcess again = start();
        JsonNode history = json(again.get("/users/" + acknowledged.get(0) + "/history"));
        assertThat(ids(history)).containsExactly("i1");
    }

    private static void await(Duration limit, BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("not within " + limit.toSeconds() + " s: " + what);
    }
}
