package dev.braid.spark;

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
import org.apache.spark.sql.SparkSession;

/**
 * A real Spark standalone cluster on the loopback interface: a master and {@code workers} workers, each a JVM of
 * its own started from the Spark jars on this JVM's class path; the workers start the executors in JVMs of their
 * own. The integration test and the cluster benchmark submit to it as a client-mode driver from this JVM.
 *
 * <p>The JVM flags the processes need (Spark's {@code --add-opens}) come from the system property
 * {@code braid.spark.jvm.args}, as the build passes them to the tests; {@code -Xmx} there is ignored.
 */
public final class LoopbackSparkCluster implements AutoCloseable {
    private final Path dir;
    private final int workers;
    private final int coresPerWorker;
    private final List<Process> processes = new ArrayList<>();
    private String master;

    private LoopbackSparkCluster(Path dir, int workers, int coresPerWorker) {
        this.dir = dir;
        this.workers = workers;
        this.coresPerWorker = coresPerWorker;
    }

    /**
     * Starts the master and the workers, each worker offering {@code coresPerWorker} cores and
     * {@code workerMemory} (e.g. {@code 700m}) to executors, and returns once every worker is ALIVE; logs and work
     * folders go under {@code dir}.
     */
    public static LoopbackSparkCluster start(Path dir, int workers, int coresPerWorker, String workerMemory)
            throws Exception {
        LoopbackSparkCluster cluster = new LoopbackSparkCluster(dir, workers, coresPerWorker);
        try {
            cluster.launch(workerMemory);
        } catch (Exception | AssertionError e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    private void launch(String workerMemory) throws Exception {
        Path sparkHome = Files.createDirectories(dir.resolve("spark-home"));
        Files.createDirectories(sparkHome.resolve("jars"));
        int port = freePort();
        int web = freePort();
        start("master", sparkHome, List.of("org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port",
                String.valueOf(port), "--webui-port", String.valueOf(web)));
        master = "spark://127.0.0.1:" + port;
        for (int w = 0; w < workers; w++) {
            start("worker" + w, sparkHome, List.of("org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
                    "--cores", String.valueOf(coresPerWorker), "--memory", workerMemory,
                    "--webui-port", String.valueOf(freePort()), "--work-dir", workDir(w).toString(), master));
        }
        awaitWorkers(web);
    }

    /** The master's URL, {@code spark://127.0.0.1:PORT}. */
    public String master() {
        return master;
    }

    /** Worker {@code w}'s work folder: each application it ran an executor for has an {@code app-*} folder there. */
    public Path workDir(int w) throws IOException {
        return Files.createDirectories(dir.resolve("work" + w));
    }

    /**
     * A session on this cluster taking every core, one executor of {@code executorMemory} per worker, with this
     * JVM's class path and flags on the executors.
     */
    public SparkSession session(String appName, String executorMemory) {
        return SparkSession.builder().master(master).appName(appName)
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.executor.memory", executorMemory)
                .config("spark.executor.cores", String.valueOf(coresPerWorker))
                .config("spark.cores.max", String.valueOf(workers * coresPerWorker))
                .config("spark.sql.shuffle.partitions", String.valueOf(2 * workers * coresPerWorker))
                .config("spark.executor.extraClassPath", System.getProperty("java.class.path"))
                .config("spark.executor.extraJavaOptions", String.join(" ", jvmArgs()))
                .getOrCreate();
    }

    /** Stops the workers, then the master. */
    @Override
    public void close() throws InterruptedException {
        for (int i = processes.size() - 1; i >= 0; i--) {
            Process p = processes.get(i);
            p.destroy();
            p.waitFor();
        }
        processes.clear();
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

    private void start(String name, Path sparkHome, List<String> mainAndArgs) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx256m");
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
        processes.add(pb.start());
    }

    /** Polls the master's JSON status until every worker is ALIVE; fails when a process died. */
    private void awaitWorkers(int webPort) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webPort + "/json/"))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        while (System.nanoTime() < deadline) {
            for (Process p : processes) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("a cluster process died; see the logs in " + dir);
                }
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
        throw new IllegalStateException("the workers did not register with the master; see the logs in " + dir);
    }
}
