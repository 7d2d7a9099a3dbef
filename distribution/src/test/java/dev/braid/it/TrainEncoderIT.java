package dev.braid.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code braid train-encoder} through the real launcher: trains {@code image-aligned} on a small demo catalog with
 * the tfidf text encoder as teacher, then {@code braid encode} puts the images into the text space.
 */
class TrainEncoderIT {
    @TempDir
    Path dir;

    private Path config(String image) throws Exception {
        Path f = dir.resolve("aligned.yaml");
        Files.writeString(f, """
                dataset: {type: demo, items: 120, users: 30}
                encoders:
                  text: {name: tfidf, dimension: 256}
                  image: %s
                fusion: concat
                generators: [content-profile]
                """.formatted(image));
        return f;
    }

    @Test
    @Tag("slow") // trains a network end to end through the launcher: about 20 s on a quiet 2-core machine
    void trainsTheImageEncoderOnTheTextVectorsAndEncodesImagesIntoTheTextSpace() throws Exception {
        Path cache = dir.resolve("cache");
        Path model = dir.resolve("models/aligned.bin");
        Path cfg = config("{name: image-aligned, model: models/aligned.bin, size: 32, width: 8, epochs: 4, "
                + "patience: 2, handcrafted: false}");
        Launcher.Result t = Launcher.run(cache, 300, "train-encoder", "--config", cfg.toString(), "--out",
                model.toString());
        assertThat(t.exitCode()).as(t.stderr()).isZero();
        assertThat(t.stdout()).contains("trained image-aligned (image) on", "teacher text:tfidf",
                "validation cosine", "model -> " + model);
        assertThat(model).isNotEmptyFile();
        assertThat(Files.readString(dir.resolve("models/aligned.bin.properties")))
                .contains("dimension=256", "teacher=text\\:tfidf", "size=32");

        Path out = dir.resolve("vectors");
        Launcher.Result e = Launcher.run(cache, 300, "encode", "--config", cfg.toString(), "--out", out.toString());
        assertThat(e.exitCode()).as(e.stderr()).isZero();
        // the demo catalog gives a few items no image or a broken one on purpose: those are listed in errors.tsv
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("image\\s+image-aligned\\s+(\\d+) vectors x  256"
                + "\\s+(\\d+) failed").matcher(e.stdout());
        assertThat(m.find()).as(e.stdout()).isTrue();
        int vectors = Integer.parseInt(m.group(1));
        assertThat(vectors + Integer.parseInt(m.group(2))).isEqualTo(120);
        assertThat(vectors).isGreaterThan(100);
        List<String> ids = Files.readAllLines(out.resolve("image.ids.txt"));
        assertThat(ids).hasSize(vectors);
    }

    @Test
    void badInputExitsTwoWithAClearMessage() throws Exception {
        Path cache = dir.resolve("cache");
        Launcher.Result notTrainable = Launcher.run(cache, 120, "train-encoder", "--config",
                config("color-histogram").toString(), "--out", dir.resolve("m.bin").toString());
        assertThat(notTrainable.exitCode()).isEqualTo(2);
        assertThat(notTrainable.stderr()).contains("'color-histogram'", "cannot be trained");

        Launcher.Result badModality = Launcher.run(cache, 60, "train-encoder", "--config",
                config("color-histogram").toString(), "--out", dir.resolve("m.bin").toString(), "--teacher", "smell");
        assertThat(badModality.exitCode()).isEqualTo(2);
        assertThat(badModality.stderr()).contains("--teacher", "unknown modality 'smell'");

        Path cfg = config("{name: image-aligned, model: no/such/model.bin}");
        Launcher.Result missing = Launcher.run(cache, 120, "encode", "--config", cfg.toString(), "--out",
                dir.resolve("v").toString());
        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.stderr()).contains("model file not found", dir.resolve("no/such/model.bin").toString());
    }
}
