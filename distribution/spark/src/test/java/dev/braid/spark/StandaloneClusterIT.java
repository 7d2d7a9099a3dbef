package dev.braid.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Spark standalone cluster on the loopback interface: a master and two workers, each its own JVM started
 * from the Spark jars on this test's class path; the workers start the executors in JVMs of their own. The job
 * (encode, fuse, recommend) is submitted from this JVM as a client-mode driver, and its outputs are checked.
 */
@Tag("slow")
class StandaloneClusterIT {
    private final List<Process> processes = new ArrayList<>();

    @TempDir
    Path dir;

    @AfterEach
    void stopCluster() throws InterruptedException {
        for (int i = processes.size() - 1; i >= 0; i--) {
            Process p = processes.get(i);
            p.destroy();
            p.waitFor();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static List<String> jvmArgs() {
        List<String> args = new ArrayList<>();
        for (String a : System.getProperty("braid.spark.jvm.args", "").trim().split("\\s+")) {
            if (!a.isBlank() && !a.startsWith("-Xmx")) {
                args.add(a);
            }
        }
        return args;
    }

    private Process start(String name, String heap, List<String> mainAndArgs, Path sparkHome) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx" + heap);
        cmd.addAll(jvmArgs());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.addAll(mainAndArgs);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        // The worker builds each executor's class path from SPARK_HOME/jars plus spark.executor.extraClassPath.
        pb.environment().put("SPARK_HOME", sparkHome.toString());
        pb.environment().put("SPARK_SCALA_VERSION", "2.13");
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        Process p = pb.start();
        processes.add(p);
        return p;
    }

    /** Polls the master's JSON status until {@code workers} workers are ALIVE; fails when a process died. */
    private void awaitWorkers(int webPort, int workers) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webPort + "/json/"))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        while (System.nanoTime() < deadline) {
            for (Process p : processes) {
                assertThat(p.isAlive()).as("cluster process died; see logs in " + dir).isTrue();
            }
            try {
                String body = http.send(req, HttpResponse.BodyHandlers.ofString()).body();
                if (body.split("\"state\" ?: ?\"ALIVE\"", -1).length - 1 >= workers) {
                    return;
                }
            } catch (IOException e) {
                // the master is still starting
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the workers did not register with the master; see logs in " + dir);
    }

    @Test
    void encodesAndRecommendsOnAStandaloneClusterWithTwoWorkers() throws Exception {
        Path sparkHome = Files.createDirectories(dir.resolve("spark-home"));
        Files.createDirectories(sparkHome.resolve("jars"));
        int port = freePort();
        int web = freePort();
        start("master", "256m", List.of("org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port",
                String.valueOf(port), "--webui-port", String.valueOf(web)), sparkHome);
        String master = "spark://127.0.0.1:" + port;
        for (int w = 0; w < 2; w++) {
            start("worker" + w, "256m", List.of("org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
                    "--cores", "1", "--memory", "700m", "--webui-port", String.valueOf(freePort()),
                    "--work-dir", Files.createDirectories(dir.resolve("work" + w)).toString(), master), sparkHome);
        }
        awaitWorkers(web, 2);

        Path config = SparkFixture.catalog(dir, 60, 20, """
                encoders: {text: {name: minilm, parallelCalls: 1, threads: 1}}
                fusion: concat
                generators: [content-profile, {name: rules, excludeSeen: true}]
                """, "spark: {partitions: 4, batchSize: 16, k: 5, cache: %s}\n".formatted(dir.resolve("cache")));
        String out = dir.resolve("out").toString();
        SparkSession spark = SparkSession.builder().master(master).appName("braid-standalone-it")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.executor.memory", "512m")
                .config("spark.executor.cores", "1")
                .config("spark.cores.max", "2")
                .config("spark.sql.shuffle.partitions", "4")
                .config("spark.executor.extraClassPath", System.getProperty("java.class.path"))
                .config("spark.executor.extraJavaOptions", String.join(" ", jvmArgs()))
                .getOrCreate();
        try {
            List<String> summary = BraidJob.run(spark, JobSpec.load(config), BraidJob.Stage.ALL, out);
            assertThat(summary).hasSize(2);
            // Two executors, in JVMs of their own (the driver is listed too).
            assertThat(spark.sparkContext().statusTracker().getExecutorInfos()).hasSizeGreaterThanOrEqualTo(3);
            assertThat(spark.read().parquet(out + "/items").count()).isEqualTo(60);
            Set<String> failed = spark.read().parquet(out + "/errors").collectAsList().stream()
                    .map(r -> r.getString(0)).collect(Collectors.toSet());
            assertThat(failed).containsExactlyInAnyOrder("m5", "m22", "m39", "m56");
            List<Row> recs = spark.read().parquet(out + "/recommendations").collectAsList();
            assertThat(recs.stream().map(r -> r.getString(0)).distinct().count()).isEqualTo(20);
            assertThat(recs).allSatisfy(r -> assertThat(r.getInt(1)).isBetween(1, 5));
        } finally {
            spark.stop();
        }
        // Each worker launched an executor JVM for the application (its work folder holds the executor's logs).
        for (int w = 0; w < 2; w++) {
            try (var apps = Files.list(dir.resolve("work" + w))) {
                assertThat(apps.filter(p -> p.getFileName().toString().startsWith("app-")).count()).as("worker " + w)
                        .isEqualTo(1);
            }
        }
    }
}
