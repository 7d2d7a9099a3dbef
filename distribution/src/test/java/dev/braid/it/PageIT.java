package dev.braid.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The page at {@code GET /}, driven by headless Chromium (Debian's {@code chromium}, installed by {@code .ci/run}):
 * it must show a user's history and each variant's recommendations, with posters and titles, and the results of a
 * text query. Skipped, with a message, where Chromium is not installed.
 */
class PageIT {
    @TempDir
    Path dir;

    private ServerProcess server;

    @BeforeEach
    void setUp() throws Exception {
        Optional<String> chromium = chromium();
        Assumptions.assumeTrue(chromium.isPresent(), "chromium is not installed (apt-get install chromium): the page "
                + "test is skipped");
        Path home = Distribution.freshHome(dir);
        ServeFixture.writeData(dir);
        Path config = dir.resolve("serve.yaml");
        ServeFixture.write(config, ServeFixture.config("{name: rules, excludeSeen: true}"));
        server = ServerProcess.start(home, dir.resolve("cache"), config, Map.of());
    }

    @AfterEach
    void tearDown() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    static Optional<String> chromium() {
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String p : System.getenv().getOrDefault("PATH", "").split(":")) {
                if (Files.isExecutable(Path.of(p, name))) {
                    return Optional.of(Path.of(p, name).toString());
                }
            }
        }
        return Optional.empty();
    }

    /** The DOM after the page's scripts ran. */
    private String dom(String pathAndQuery) throws Exception {
        Path profile = Files.createTempDirectory(dir, "chromium-");
        List<String> cmd = new ArrayList<>(List.of(chromium().orElseThrow(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-extensions",
                "--disable-sync", "--no-first-run", "--user-data-dir=" + profile, "--virtual-time-budget=15000",
                "--dump-dom", server.uri(pathAndQuery).toString()));
        Path out = dir.resolve("dom-" + System.nanoTime() + ".html");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(dir.resolve("chromium.err")
                .toFile()).start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish in 90 s");
        }
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    private static List<String> titles(String html) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("<div class=\"title\">([^<]*)</div>").matcher(html);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static String section(String dom, String startMarker, String endMarker) {
        int s = dom.indexOf(startMarker);
        assertThat(s).as("'" + startMarker + "' in the page").isNotNegative();
        int e = endMarker == null ? dom.length() : dom.indexOf(endMarker, s + 1);
        return dom.substring(s, e < 0 ? dom.length() : e);
    }

    @Test
    void aUsersHistoryAndEachVariantsRecommendationsAreShownWithPostersAndTitles() throws Exception {
        String dom = dom("/?user=u11");
        assertThat(dom).contains("data-loaded=\"user:u11\"", "<div id=\"status\"></div>");
        String history = section(dom, "id=\"history\"", "id=\"variants\"");
        assertThat(titles(history)).containsExactly("Item 1", "Item 2");
        String content = section(dom, "data-variant=\"content\"", "data-variant=\"popular\"");
        String popular = section(dom, "data-variant=\"popular\"", null);
        assertThat(content).contains("(generation 1)");
        assertThat(titles(content)).hasSize(10).doesNotContain("Item 1", "Item 2");
        assertThat(titles(popular)).as("served lists leave the history out by default").startsWith("Item 3", "Item 4");
        assertThat(content).contains("<img src=\"/items/");
    }

    @Test
    void aTextQueryShowsMatchingItemsForEachVariant() throws Exception {
        String dom = dom("/?text=tears%20family%20loss");
        assertThat(dom).contains("data-loaded=\"example\"", "<div id=\"status\"></div>");
        String content = section(dom, "data-variant=\"content\"", "data-variant=\"popular\"");
        List<String> shown = titles(content);
        assertThat(shown).hasSize(10);
        // The plot "tears family loss" is the Dramas' (even item numbers).
        for (String t : shown) {
            assertThat(Integer.parseInt(t.substring("Item ".length())) % 2).as(t).isZero();
        }
        // The popularity variant reads no content: the page says so in its column.
        assertThat(section(dom, "data-variant=\"popular\"", null)).contains("class=\"note\"",
                "variant 'popular' encodes []");
    }
}
