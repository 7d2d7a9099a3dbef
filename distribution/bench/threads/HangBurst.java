import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fires N concurrent GET requests at {@code braid serve} (all sent at once, one connection each) and samples the
 * server's thread count from {@code /proc/PID/status} every few milliseconds until every request has an answer
 * (run by hand: {@code java distribution/bench/threads/HangBurst.java ...}, or by {@code hang-threads.sh}). Prints
 * the thread count before, the peak during the burst, and after; the answers by status; the slowest answer; and
 * then checks that the server still answers {@code --after} (a path that must give 200).
 *
 * <pre>
 * java HangBurst.java --url http://127.0.0.1:18099 --pid PID --requests 1000
 *      --path "/recommendations?k=10&amp;variant=hang&amp;user=u001" --after "/recommendations?k=10&amp;variant=plain&amp;user=u001"
 * </pre>
 */
public class HangBurst {
    public static void main(String[] a) throws Exception {
        Map<String, String> o = new TreeMap<>();
        for (int i = 0; i + 1 < a.length; i += 2) {
            o.put(a[i].replaceFirst("^--", ""), a[i + 1]);
        }
        String url = o.getOrDefault("url", "http://127.0.0.1:18099");
        long pid = Long.parseLong(o.get("pid"));
        int n = Integer.parseInt(o.getOrDefault("requests", "1000"));
        String path = o.get("path");
        String after = o.get("after");
        Duration limit = Duration.ofSeconds(Long.parseLong(o.getOrDefault("timeoutSeconds", "300")));

        int before = threads(pid);
        AtomicInteger peak = new AtomicInteger(before);
        AtomicBoolean done = new AtomicBoolean();
        Thread sampler = new Thread(() -> {
            while (!done.get()) {
                peak.accumulateAndGet(threads(pid), Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "sampler");
        sampler.setDaemon(true);
        sampler.start();

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(30)).build();
        long t0 = System.nanoTime();
        List<CompletableFuture<String>> answers = new ArrayList<>(n);
        long[] latency = new long[n];
        for (int i = 0; i < n; i++) {
            int idx = i;
            HttpRequest r = HttpRequest.newBuilder(URI.create(url + path)).timeout(limit).GET().build();
            answers.add(http.sendAsync(r, HttpResponse.BodyHandlers.ofString()).handle((resp, err) -> {
                latency[idx] = System.nanoTime() - t0;
                if (err != null) {
                    return "no answer: " + err.getClass().getSimpleName();
                }
                return "HTTP " + resp.statusCode() + (resp.statusCode() == 200 ? "" : " " + kind(resp.body()));
            }));
        }
        CompletableFuture.allOf(answers.toArray(new CompletableFuture[0])).join();
        long wall = System.nanoTime() - t0;
        done.set(true);
        sampler.join();
        int end = threads(pid);

        Map<String, Integer> byAnswer = new TreeMap<>();
        for (CompletableFuture<String> f : answers) {
            byAnswer.merge(f.join(), 1, Integer::sum);
        }
        long slowest = 0;
        for (long l : latency) {
            slowest = Math.max(slowest, l);
        }
        System.out.printf("requests: %d at once; every answer after %.1f s (slowest %.1f s)%n", n, wall / 1e9,
                slowest / 1e9);
        byAnswer.forEach((k, v) -> System.out.printf("  %5d  %s%n", v, k));
        System.out.printf("server threads (/proc/%d/status): before %d, peak %d, after %d%n", pid, before,
                peak.get(), end);
        if (after != null) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + after))
                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
            System.out.printf("afterwards %s: HTTP %d%n", after, r.statusCode());
            if (r.statusCode() != 200) {
                System.exit(1);
            }
        }
        int unanswered = byAnswer.entrySet().stream().filter(e -> e.getKey().startsWith("no answer"))
                .mapToInt(Map.Entry::getValue).sum();
        System.exit(unanswered == 0 ? 0 : 1);
    }

    /** The error body's first words ("generator 'hang' ... did not return within 2000 ms"), ids cut. */
    private static String kind(String body) {
        String s = body.replaceAll("\\s+", " ");
        int at = s.indexOf("\"error\":");
        s = at < 0 ? s : s.substring(at + 8);
        s = s.replaceAll("[0-9]+ calls hung", "N calls hung");
        return s.length() > 140 ? s.substring(0, 140) + "..." : s;
    }

    /** The Threads: line of /proc/PID/status (every thread of the JVM, Java and native). */
    private static int threads(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("Threads:")) {
                    return Integer.parseInt(line.substring(8).trim());
                }
            }
        } catch (Exception e) {
            // the process is gone: no threads
        }
        return 0;
    }
}
