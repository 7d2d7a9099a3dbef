package dev.braid.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code bin/braid serve} run as a separate process, as an operator would run it. */
final class ServerProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("on http://([^/]+)/");

    private final Process process;
    private final Path stdout;
    private final Path stderr;
    private final URI base;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ServerProcess(Process process, Path stdout, Path stderr, URI base) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
        this.base = base;
    }

    /** Starts {@code bin/braid serve --home HOME --cache-dir CACHE --config CONFIG --port 0} and waits until it listens. */
    static ServerProcess start(Path home, Path cache, Path config, Map<String, String> env, String... extra)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Distribution.root().resolve("bin/braid").toString(), "serve",
                "--home", home.toString(), "--cache-dir", cache.toString(), "--config", config.toString(),
                "--port", "0"));
        cmd.addAll(List.of(extra));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(env);
        Files.createDirectories(cache);
        long n = System.nanoTime();
        Path out = cache.resolve("serve-" + n + ".out");
        Path err = cache.resolve("serve-" + n + ".err");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < end) {
            Matcher m = LISTENING.matcher(Files.readString(out, StandardCharsets.UTF_8));
            if (m.find()) {
                return new ServerProcess(p, out, err, URI.create("http://" + m.group(1)));
            }
            if (!p.isAlive()) {
                throw new AssertionError("braid serve exited with " + p.exitValue() + ": "
                        + Files.readString(err, StandardCharsets.UTF_8));
            }
            Thread.sleep(100);
        }
        p.destroyForcibly();
        throw new AssertionError("braid serve did not listen within 90 s: " + Files.readString(err));
    }

    URI uri(String pathAndQuery) {
        return base.resolve(pathAndQuery);
    }

    HttpResponse<String> get(String pathAndQuery, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(30)).GET();
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String contentType, byte[] body, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(120))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> postJson(String path, String json, String... headers) throws IOException,
            InterruptedException {
        return post(path, "application/json", json.getBytes(StandardCharsets.UTF_8), headers);
    }

    long pid() {
        return process.pid();
    }

    String stderr() throws IOException {
        return Files.readString(stderr, StandardCharsets.UTF_8);
    }

    /** kill -9: no shutdown hook, no flush. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
