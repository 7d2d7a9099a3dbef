package dev.braid.runtime.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import io.javalin.http.HttpResponseException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AdminAuthTest {
    private final HttpClient client = HttpClient.newHttpClient();
    private final AtomicInteger reached = new AtomicInteger();
    private Javalin app;

    private String start(String token) {
        app = Javalin.create(cfg -> cfg.showJavalinBanner = false);
        app.exception(HttpResponseException.class, (e, ctx) -> ctx.status(e.getStatus()).json(new ErrorBody(
                e.getStatus(), e.getMessage())));
        app.before("/admin/*", new AdminAuth(token));
        app.get("/admin/x", ctx -> {
            reached.incrementAndGet();
            ctx.result("secret");
        });
        app.get("/open", ctx -> ctx.result("open"));
        app.start("127.0.0.1", 0);
        return "http://127.0.0.1:" + app.port();
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.stop();
        }
    }

    private HttpResponse<String> get(String url, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void onlyTheRightTokenReachesAdminEndpoints() throws Exception {
        String base = start("t0ken");
        HttpResponse<String> none = get(base + "/admin/x");
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.body()).contains("Authorization: Bearer TOKEN").doesNotContain("secret");
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(get(base + "/admin/x", "Authorization", "Bearer wrong").body()).contains("wrong admin token");
        assertThat(reached).as("refused requests never reach the endpoint").hasValue(0);
        assertThat(get(base + "/admin/x", "Authorization", "Bearer t0ken").body()).isEqualTo("secret");
        assertThat(get(base + "/admin/x", "X-Braid-Token", "t0ken").body()).isEqualTo("secret");
        assertThat(get(base + "/open").body()).isEqualTo("open");
    }

    @Test
    void withoutATokenAdminEndpointsAreDisabled() throws Exception {
        String base = start(null);
        HttpResponse<String> r = get(base + "/admin/x", "Authorization", "Bearer anything");
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("serve.adminToken", "BRAID_ADMIN_TOKEN");
        assertThat(reached).hasValue(0);
    }
}
