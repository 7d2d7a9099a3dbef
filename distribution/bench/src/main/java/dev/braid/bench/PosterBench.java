package dev.braid.bench;

import dev.braid.api.data.Item;
import dev.braid.api.data.ItemContent;
import dev.braid.api.data.Media;
import dev.braid.api.encoder.EncodingResult;
import dev.braid.plugin.image.HandcraftedImageConfig;
import dev.braid.plugin.image.HandcraftedImageEncoder;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Throughput of {@code image-handcrafted} over a folder of images (a command, not a test):
 * {@code java -cp ... dev.braid.bench.PosterBench [DIR] [RUNS]}, DIR defaulting to
 * {@code ../shared/datasets/ml-100k-mm/posters}. One warm-up pass, then RUNS timed passes over all files (the
 * encoder runs the batch on the common fork-join pool, i.e. on every core the JVM sees: limit it with
 * {@code -XX:ActiveProcessorCount=N}); prints images/s of each pass and the median.
 */
public final class PosterBench {
    private PosterBench() {
    }

    public static void main(String[] args) throws IOException {
        PrintStream out = System.out;
        Path dir = Path.of(args.length > 0 ? args[0] : "../shared/datasets/ml-100k-mm/posters");
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        List<Item> items = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.sorted().forEach(f -> items.add(new Item(f.getFileName().toString(), "", Map.of(),
                    new ItemContent(null, Media.ofFile(f), null))));
        }
        HandcraftedImageEncoder encoder = new HandcraftedImageEncoder(HandcraftedImageConfig.defaults());
        List<EncodingResult> first = encoder.encode(items);
        long failures = first.stream().filter(r -> r instanceof EncodingResult.Failure).count();
        out.printf("%d images in %s, %d failures, %d cores%n", items.size(), dir, failures,
                Runtime.getRuntime().availableProcessors());
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        double[] rates = new double[runs];
        double[] perCpuSecond = new double[runs];
        for (int r = 0; r < runs; r++) {
            long t0 = System.nanoTime();
            long c0 = os.getProcessCpuTime();
            encoder.encode(items);
            rates[r] = items.size() / ((System.nanoTime() - t0) / 1e9);
            perCpuSecond[r] = items.size() / ((os.getProcessCpuTime() - c0) / 1e9);
            out.printf("run %d: %.1f images/s wall, %.1f images per CPU-second%n", r + 1, rates[r],
                    perCpuSecond[r]);
        }
        Arrays.sort(rates);
        Arrays.sort(perCpuSecond);
        // On a shared machine wall-clock throughput reflects the load; CPU time shows what the work costs.
        out.printf("median: %.1f images/s wall, %.1f images per CPU-second (x2 cores = %.1f images/s)%n",
                rates[runs / 2], perCpuSecond[runs / 2], 2 * perCpuSecond[runs / 2]);
    }
}
