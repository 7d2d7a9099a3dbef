package dev.braid.runtime.cli;

import dev.braid.runtime.BraidRuntime;
import dev.braid.runtime.serve.BraidServer;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code braid serve --config FILE}: serve recommendations over HTTP from live, hot-swapped pipelines. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve recommendations over HTTP. The pipeline (and each A/B variant of serve.variants) is "
                + "rebuilt in the background when the configuration or plugins/ change, and swapped in atomically.")
public final class ServeCommand implements Callable<Integer> {
    @Mixin
    ConfigurationOptions config;

    @Option(names = {"-p", "--port"}, defaultValue = "8080", description = "port (0: any free port; default 8080)")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "address to bind (default 127.0.0.1)")
    String host;

    @Override
    public Integer call() throws Exception {
        Path file = config.file();
        if (!Files.isRegularFile(file)) {
            throw new BadInputException("configuration file not found: " + file.toAbsolutePath());
        }
        if (port < 0 || port > 65535) {
            throw new BadInputException("--port: expected 0 to 65535, got " + port);
        }
        BraidRuntime rt = BraidRuntime.start(config.runtime.resolve(), true);
        BraidServer server;
        try {
            server = BraidServer.start(rt, file.toAbsolutePath(), host, port);
        } catch (RuntimeException e) {
            rt.close();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            rt.close();
            stopped.countDown();
        }, "braid-shutdown"));
        PrintWriter out = config.out();
        out.println("Braid serving " + String.join(", ", server.pipelines().keySet()) + " on http://" + host + ":"
                + server.port() + "/");
        out.flush();
        stopped.await();
        return Main.OK;
    }
}
