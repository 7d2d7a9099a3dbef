package dev.braid.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code braid encode} with the real bundles and a describe step, {@code llm-describe}, against the bench's stub
 * on loopback: items without text get a description of their poster; a second run asks nothing (the answers are
 * cached by content); text vectors change for exactly the described items ({@code bench/llm/CompareVectors.java}
 * checks it); a poster the model cannot take leaves its item's text alone and is reported.
 */
@Tag("slow") // four launches with MiniLM, about a minute on a quiet 2-core machine
class DescribeIT {
    @TempDir
    Path dir;

    /** Items 1-4 have a plot, 5-7 only a poster (7's is not an image), 8 has neither. */
    private void writeData() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.createDirectories(data.resolve("posters"));
        StringBuilder items = new StringBuilder("id\ttitle\tplot\tposter\n");
        String[] plots = {"A cowboy doll meets a space ranger.", "A spy stops a stolen satellite.",
            "A pig learns to herd sheep.", "Sisters look for love in Devon.", "", "", "", ""};
        for (int i = 1; i <= 8; i++) {
            String poster = i <= 7 ? "posters/" + i + ".jpg" : "";
            if (i <= 6) {
                BufferedImage img = new BufferedImage(32, 48, BufferedImage.TYPE_INT_RGB);
                Graphics2D g = img.createGraphics();
                g.setColor(new Color(30 * i, 255 - 30 * i, 90));
                g.fillRect(0, 0, 32, 48);
                g.dispose();
                ImageIO.write(img, "jpg", data.resolve(poster).toFile());
            } else if (i == 7) {
                Files.writeString(data.resolve(poster), "not an image at all");
            }
            items.append("m").append(i).append("\tMovie ").append(i).append('\t').append(plots[i - 1]).append('\t')
                    .append(poster).append('\n');
        }
        Files.writeString(data.resolve("items.tsv"), items);
        StringBuilder ratings = new StringBuilder("user\titem\trating\n");
        for (int i = 1; i <= 8; i++) {
            ratings.append("u").append(i % 3).append("\tm").append(i).append("\t5\n");
        }
        Files.writeString(data.resolve("ratings.tsv"), ratings);
    }

    private Path config(String name, String describe) throws Exception {
        return Files.writeString(dir.resolve(name + ".yaml"), """
                dataset:
                  type: tabular
                  catalog: {file: data/items.tsv, id: id, title: title, text: [plot], image: poster}
                  interactions: {file: data/ratings.tsv}
                encoders: {text: minilm}
                generators: [content-profile]
                """ + describe);
    }

    private static String describe(StubChatProcess stub, String mode) {
        return "describe: {name: llm-describe, mode: " + mode + ", endpoint: {baseUrl: '" + stub.baseUrl()
                + "', model: stub-vision, timeoutMs: 10000, maxRetries: 0}}\n";
    }

    private Launcher.Result encode(Path config, String out) throws Exception {
        Launcher.Result r = Launcher.run(dir.resolve("cache"), 300, "encode", "--config", config.toString(), "--out",
                dir.resolve(out).toString());
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        return r;
    }

    /**
     * {@code bench/llm/CompareVectors.java} on the text vectors of two encodes; with the second's descriptions, it
     * fails unless the changed and new vectors are exactly the described items'.
     */
    private String compare(String before, String after, boolean described) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), Path.of("bench/llm/CompareVectors.java").toAbsolutePath().toString(),
                dir.resolve(before).resolve("text").toString(), dir.resolve(after).resolve("text").toString()));
        if (described) {
            cmd.add(dir.resolve(after).resolve("descriptions.tsv").toString());
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    @Test
    void describesPostersOnceAndChangesOnlyTheDescribedItemsTextVectors() throws Exception {
        writeData();
        try (StubChatProcess stub = StubChatProcess.start(dir)) {
            encode(config("plain", ""), "plain");

            Path missing = config("missing", describe(stub, "missing"));
            Launcher.Result first = encode(missing, "run1");
            assertThat(stub.answered()).as("run 1 asks for the two readable posters without text").isEqualTo(2);
            assertThat(first.stdout()).contains("2 described (0 from cache), 1 failed, 5 skipped");
            assertThat(first.stderr()).contains("item 'm7' keeps its text");
            List<String> described = Files.readAllLines(dir.resolve("run1/descriptions.tsv"));
            assertThat(described).hasSize(3);
            assertThat(described.get(1)).matches("m5\tAn image of \\d+ bytes with digest [0-9a-f]{8}\\.");
            assertThat(described.get(2)).startsWith("m6\t").isNotEqualTo(described.get(1).replace("m5", "m6"));
            assertThat(Files.readString(dir.resolve("run1/errors.tsv"))).contains("m7\tdescribe\tUNSUPPORTED");
            assertThat(compare("plain", "run1", true)).contains("identical 4, changed 0, new 2, gone 0",
                    "exactly the described items: yes");

            Launcher.Result second = encode(missing, "run2");
            assertThat(stub.answered()).as("run 2 asks nothing").isEqualTo(2);
            assertThat(second.stdout()).contains("2 described (2 from cache), 1 failed, 5 skipped");
            assertThat(Files.readAllLines(dir.resolve("run2/descriptions.tsv"))).isEqualTo(described);
            assertThat(compare("run1", "run2", false)).contains("identical 6, changed 0, new 0, gone 0");

            // append: every readable poster; the plots of m1-m4 gain a description, m7 and m8 keep their text
            encode(config("append", describe(stub, "append")), "append");
            assertThat(stub.answered()).as("only m1-m4 are new to the cache").isEqualTo(6);
            assertThat(compare("plain", "append", true)).contains("identical 0, changed 4, new 2, gone 0",
                    "exactly the described items: yes");
        }
    }
}
