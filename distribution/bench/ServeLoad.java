import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Open-loop load generator for {@code braid serve} (run by hand: {@code java distribution/bench/ServeLoad.java ...}).
 * Sends GET /recommendations at a fixed rate (latency measured from the intended send time, so a stall counts in
 * full), optionally performing swaps while it runs: rewrites of the configuration (alternating two files) and
 * replacements of a plugin jar (a copy of a bundle with a new Bundle-Version). Prints steady-state and
 * during-swap percentiles, failures, and the server's live threads and heap (after a GC, via jcmd) before and after.
 *
 * <pre>
 * java ServeLoad.java --url http://127.0.0.1:8080 --rate 200 --seconds 60 --users 1500 [--userFormat u%04d] [--path /recommendations?k=10]
 *      [--client raw|jdk] [--connections 32] [--warmup 5]
 *      [--swaps 10 --config live.yaml --configA a.yaml --configB b.yaml --bundle bundles/braid-popularity-*.jar
 *       --plugins plugins/ --pid PID]
 * </pre>
 *
 * <p>Clients: {@code raw} (default) sends HTTP/1.1 over {@code --connections} keep-alive sockets, one platform
 * thread each; request n goes to connection n mod C at its intended time (a connection still waiting for an
 * earlier answer sends late, and the wait counts in the latency, as in wrk2). It costs a few microseconds of CPU
 * per request, which matters when the generator shares the server's cores. {@code jdk} uses
 * {@code java.net.http.HttpClient.sendAsync} (heavier). The generator's own CPU time is printed, and with
 * {@code --pid} the server's CPU time per request (from /proc).
 */
public class ServeLoad {
    static String userFormat;
    record Sample(long startNanos, long latencyNanos, boolean ok) {
    }

    public static void main(String[] a) throws Exception {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 0; i + 1 < a.length; i += 2) {
            o.put(a[i].replaceFirst("^--", ""), a[i + 1]);
        }
        String url = o.getOrDefault("url", "http://127.0.0.1:8080");
        int rate = Integer.parseInt(o.getOrDefault("rate", "200"));
        int seconds = Integer.parseInt(o.getOrDefault("seconds", "60"));
        int users = Integer.parseInt(o.getOrDefault("users", "1500"));
        String path = o.getOrDefault("path", "/recommendations?k=10");
        int swaps = Integer.parseInt(o.getOrDefault("swaps", "0"));
        String pid = o.get("pid");
        userFormat = o.getOrDefault("userFormat", "u%04d");

        client = o.getOrDefault("client", "raw");
        connections = Integer.parseInt(o.getOrDefault("connections", "32"));
        int warmup = Integer.parseInt(o.getOrDefault("warmup", "5"));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newFixedThreadPool(64)).build();
        String[] before = server(http, url, pid);
        // warm-up at the same rate, not recorded
        if (warmup > 0) {
            run(http, url, path, users, rate, warmup, new ConcurrentLinkedQueue<>(), new AtomicInteger(), null);
        }
        long cpu0 = processCpuNanos();
        long serverCpu0 = serverCpuTicks(pid);

        List<long[]> swapWindows = Collections.synchronizedList(new ArrayList<>());
        Thread swapper = null;
        if (swaps > 0) {
            swapper = new Thread(() -> swapLoop(http, url, o, swaps, seconds, swapWindows), "swapper");
        }
        ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
        AtomicInteger failures = new AtomicInteger();
        long t0 = System.nanoTime();
        run(http, url, path, users, rate, seconds, samples, failures, swapper);
        double wall = (System.nanoTime() - t0) / 1e9;
        long cpu1 = processCpuNanos();
        long serverCpu1 = serverCpuTicks(pid);
        if (swapper != null) {
            swapper.join();
        }
        String[] after = server(http, url, pid);

        List<Long> steady = new ArrayList<>();
        List<Long> during = new ArrayList<>();
        for (Sample s : samples) {
            boolean inSwap = false;
            synchronized (swapWindows) {
                for (long[] w : swapWindows) {
                    if (s.startNanos() >= w[0] && s.startNanos() <= w[1]) {
                        inSwap = true;
                        break;
                    }
                }
            }
            (inSwap ? during : steady).add(s.latencyNanos());
        }
        System.out.printf(Locale.ROOT, "target %d req/s for %d s (%s client): %d sent, %d failed, achieved %.0f req/s%n",
                rate, seconds, client, samples.size(), failures.get(), samples.size() / wall);
        System.out.println("steady:      " + stats(steady));
        System.out.printf(Locale.ROOT, "load generator CPU: %.1f s over %.1f s wall (%.2f cores), %.1f us/request%n",
                (cpu1 - cpu0) / 1e9, wall, (cpu1 - cpu0) / 1e9 / wall, (cpu1 - cpu0) / 1e3 / Math.max(1,
                        samples.size()));
        if (serverCpu0 >= 0 && serverCpu1 >= 0) {
            double sec = (serverCpu1 - serverCpu0) / 100.0; // USER_HZ
            System.out.printf(Locale.ROOT, "server CPU: %.1f s (%.2f cores), %.2f ms/request%n", sec, sec / wall,
                    sec * 1e3 / Math.max(1, samples.size()));
        }
        if (swaps > 0) {
            System.out.println("during swaps: " + stats(during) + " (" + swapWindows.size() + " swaps)");
            System.out.printf(Locale.ROOT, "p99 during swaps / steady p99 = %.2f%n", pct(during, 0.99)
                    / Math.max(1e-9, pct(steady, 0.99)));
        }
        System.out.println("server before: threads " + before[0] + ", heap used after GC " + before[1] + " MB");
        System.out.println("server after:  threads " + after[0] + ", heap used after GC " + after[1] + " MB");
        System.exit(failures.get() == 0 ? 0 : 1);
    }

    static String client = "raw";
    static int connections = 32;

    static void run(HttpClient http, String url, String path, int users, int rate, int seconds,
                    ConcurrentLinkedQueue<Sample> samples, AtomicInteger failures, Thread alongside)
            throws InterruptedException {
        if (client.equals("raw")) {
            runRaw(url, path, users, rate, seconds, samples, failures, alongside);
            return;
        }
        ScheduledExecutorService sched = Executors.newSingleThreadScheduledExecutor();
        long periodNanos = 1_000_000_000L / rate;
        long total = (long) rate * seconds;
        AtomicInteger done = new AtomicInteger();
        long start = System.nanoTime();
        if (alongside != null) {
            alongside.start();
        }
        java.util.concurrent.CountDownLatch all = new java.util.concurrent.CountDownLatch((int) total);
        for (long n = 0; n < total; n++) {
            long intended = start + n * periodNanos;
            long wait = intended - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            String sep = path.contains("?") ? "&" : "?";
            HttpRequest req = HttpRequest.newBuilder(URI.create(url + path + sep + "user="
                    + String.format(Locale.ROOT, userFormat, 1 + (n * 7919) % users))).timeout(Duration.ofSeconds(10))
                    .GET().build();
            http.sendAsync(req, HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> {
                long lat = System.nanoTime() - intended;
                boolean ok = e == null && r.statusCode() == 200;
                if (!ok) {
                    failures.incrementAndGet();
                    if (failures.get() <= 5) {
                        System.err.println("failed: " + (e != null ? e : r.statusCode() + " " + r.body()));
                    }
                }
                samples.add(new Sample(intended, lat, ok));
                all.countDown();
            });
        }
        all.await(60, TimeUnit.SECONDS);
        sched.shutdownNow();
    }

    static String target(String path, int users, long n) {
        String sep = path.contains("?") ? "&" : "?";
        return path + sep + "user=" + String.format(Locale.ROOT, userFormat, 1 + (n * 7919) % users);
    }

    /** The raw client: one keep-alive HTTP/1.1 connection per thread, request n on connection n mod C. */
    static void runRaw(String url, String path, int users, int rate, int seconds, ConcurrentLinkedQueue<Sample> samples,
                       AtomicInteger failures, Thread alongside) throws InterruptedException {
        URI u = URI.create(url);
        String host = u.getHost();
        int port = u.getPort() < 0 ? 80 : u.getPort();
        long periodNanos = 1_000_000_000L / rate;
        long total = (long) rate * seconds;
        int c = (int) Math.min(connections, total);
        long start = System.nanoTime() + 50_000_000L; // every connection open before the first request is due
        if (alongside != null) {
            alongside.start();
        }
        Thread[] workers = new Thread[c];
        for (int w = 0; w < c; w++) {
            int me = w;
            workers[w] = new Thread(() -> {
                RawConnection conn = null;
                for (long n = me; n < total; n += c) {
                    long intended = start + n * periodNanos;
                    long wait;
                    while ((wait = intended - System.nanoTime()) > 0) {
                        java.util.concurrent.locks.LockSupport.parkNanos(wait);
                    }
                    int status;
                    String error = null;
                    try {
                        if (conn == null) {
                            conn = new RawConnection(host, port);
                        }
                        status = conn.get(target(path, users, n));
                    } catch (Exception e) {
                        status = -1;
                        error = e.toString();
                        if (conn != null) {
                            conn.close();
                        }
                        conn = null;
                    }
                    long lat = System.nanoTime() - intended;
                    boolean ok = status == 200;
                    if (!ok && failures.incrementAndGet() <= 5) {
                        System.err.println("failed: " + (error != null ? error : "status " + status));
                    }
                    samples.add(new Sample(intended, lat, ok));
                }
                if (conn != null) {
                    conn.close();
                }
            }, "load-" + w);
            workers[w].start();
        }
        for (Thread t : workers) {
            t.join();
        }
    }

    /** A blocking HTTP/1.1 keep-alive connection that reads a response's status and skips its body. */
    static final class RawConnection {
        private final java.net.Socket socket;
        private final java.io.InputStream in;
        private final java.io.OutputStream out;
        private final String host;
        private final byte[] buf = new byte[1 << 16];
        private int pos;
        private int lim;

        RawConnection(String host, int port) throws java.io.IOException {
            socket = new java.net.Socket(host, port);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(10_000);
            in = socket.getInputStream();
            out = socket.getOutputStream();
            this.host = host;
        }

        int get(String target) throws java.io.IOException {
            out.write(("GET " + target + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.flush();
            String status = line();
            int code = Integer.parseInt(status.split(" ")[1]);
            long length = -1;
            boolean chunked = false;
            boolean close = false;
            for (String h = line(); !h.isEmpty(); h = line()) {
                String lower = h.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(lower.substring(15).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                } else if (lower.startsWith("connection:") && lower.contains("close")) {
                    close = true;
                }
            }
            if (chunked) {
                for (long size = Long.parseLong(line().split(";")[0].trim(), 16); size > 0;
                     size = Long.parseLong(line().split(";")[0].trim(), 16)) {
                    skip(size);
                    line();
                }
                while (!line().isEmpty()) {
                    // trailers
                }
            } else if (length >= 0) {
                skip(length);
            } else {
                throw new java.io.IOException("response without length");
            }
            if (close) {
                throw new java.io.IOException("server closed the connection");
            }
            return code;
        }

        private int read() throws java.io.IOException {
            if (pos == lim) {
                lim = in.read(buf, 0, buf.length);
                pos = 0;
                if (lim <= 0) {
                    lim = 0;
                    throw new java.io.EOFException("connection closed");
                }
            }
            return buf[pos++] & 0xFF;
        }

        private String line() throws java.io.IOException {
            StringBuilder b = new StringBuilder();
            for (int ch = read(); ch != '\n'; ch = read()) {
                if (ch != '\r') {
                    b.append((char) ch);
                }
            }
            return b.toString();
        }

        private void skip(long n) throws java.io.IOException {
            while (n > 0) {
                if (pos == lim) {
                    read();
                    pos--;
                }
                int k = (int) Math.min(n, lim - pos);
                pos += k;
                n -= k;
            }
        }

        void close() {
            try {
                socket.close();
            } catch (java.io.IOException ignored) {
                // closing anyway
            }
        }
    }

    static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory
                .getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean s ? s.getProcessCpuTime() : 0;
    }

    /** utime + stime of a process in clock ticks, or -1 without a pid (Linux /proc). */
    static long serverCpuTicks(String pid) {
        if (pid == null) {
            return -1;
        }
        try {
            String stat = Files.readString(Path.of("/proc", pid, "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (Exception e) {
            return -1;
        }
    }

    /** Swaps spread over the run: even ones rewrite the configuration, odd ones replace the plugin jar. */
    static void swapLoop(HttpClient http, String url, Map<String, String> o, int swaps, int seconds,
                         List<long[]> windows) {
        try {
            Path config = Path.of(o.get("config"));
            Path[] configs = {Path.of(o.get("configA")), Path.of(o.get("configB"))};
            Path bundle = o.containsKey("bundle") ? Path.of(o.get("bundle")) : null;
            Path plugins = o.containsKey("plugins") ? Path.of(o.get("plugins")) : null;
            long gap = seconds * 1000L / (swaps + 1);
            for (int s = 0; s < swaps; s++) {
                Thread.sleep(gap);
                int beforeGen = generationSum(http, url);
                long t = System.nanoTime();
                if (s % 2 == 1 && bundle != null) {
                    Path target = plugins.resolve("swap-plugin.jar");
                    withVersion(bundle, "9.0." + s, target);
                } else {
                    Path tmp = config.resolveSibling(config.getFileName() + ".tmp");
                    Files.copy(configs[(s / 2) % 2 == 0 ? 1 : 0], tmp, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(tmp, config, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (generationSum(http, url) <= beforeGen && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
                windows.add(new long[] {t, end});
                System.err.printf(Locale.ROOT, "swap %d (%s) live after %d ms%n", s + 1, s % 2 == 1 && bundle != null
                        ? "plugin jar" : "config", (System.nanoTime() - t) / 1_000_000);
            }
        } catch (Exception e) {
            System.err.println("swapper: " + e);
        }
    }

    static int generationSum(HttpClient http, String url) {
        try {
            String body = http.send(HttpRequest.newBuilder(URI.create(url + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher m = Pattern.compile("(?m)^braid_generation\\{[^}]*} ([0-9.]+)").matcher(body);
            int sum = 0;
            while (m.find()) {
                sum += (int) Double.parseDouble(m.group(1));
            }
            return sum;
        } catch (Exception e) {
            return -1;
        }
    }

    static void withVersion(Path jar, String version, Path target) throws Exception {
        Path tmp = Files.createTempFile(target.getParent(), ".copy", ".tmp");
        try (JarFile in = new JarFile(jar.toFile());
             JarOutputStream out = new JarOutputStream(Files.newOutputStream(tmp), manifest(in.getManifest(),
                     version))) {
            for (var e = in.entries(); e.hasMoreElements(); ) {
                JarEntry je = e.nextElement();
                if (je.getName().equals("META-INF/MANIFEST.MF")) {
                    continue;
                }
                out.putNextEntry(new JarEntry(je.getName()));
                try (var is = in.getInputStream(je)) {
                    is.transferTo(out);
                }
                out.closeEntry();
            }
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    static Manifest manifest(Manifest m, String version) {
        Manifest c = new Manifest(m);
        c.getMainAttributes().putValue("Bundle-Version", version);
        return c;
    }

    /** Live threads and heap used (MB) after a full GC (jcmd PID GC.run) from /metrics. */
    static String[] server(HttpClient http, String url, String pid) throws Exception {
        if (pid != null) {
            new ProcessBuilder("jcmd", pid, "GC.run").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
            Thread.sleep(500);
        }
        String body = http.send(HttpRequest.newBuilder(URI.create(url + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher t = Pattern.compile("(?m)^jvm_threads_live_threads ([0-9.E+]+)").matcher(body);
        double heap = 0;
        Matcher h = Pattern.compile("(?m)^jvm_memory_used_bytes\\{area=\"heap\"[^}]*} ([0-9.E+]+)").matcher(body);
        while (h.find()) {
            heap += Double.parseDouble(h.group(1));
        }
        return new String[] {t.find() ? String.valueOf((int) Double.parseDouble(t.group(1))) : "?",
                String.format(Locale.ROOT, "%.1f", heap / 1e6)};
    }

    static double pct(List<Long> v, double p) {
        if (v.isEmpty()) {
            return 0;
        }
        long[] s = v.stream().mapToLong(Long::longValue).sorted().toArray();
        return s[Math.min(s.length - 1, (int) Math.ceil(p * s.length) - 1)] / 1e6;
    }

    static String stats(List<Long> v) {
        return String.format(Locale.ROOT, "n=%d p50=%.2f ms p90=%.2f ms p99=%.2f ms p99.9=%.2f ms max=%.2f ms",
                v.size(), pct(v, 0.5), pct(v, 0.9), pct(v, 0.99), pct(v, 0.999), pct(v, 1.0));
    }
}
