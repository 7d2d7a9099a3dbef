package dev.braid.it;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javax.imageio.ImageIO;

/**
 * A small tabular catalog for serving tests: 40 items with a title, a genre (Drama or Comedy), a text and a poster
 * (a plain-coloured PNG, red for Drama and blue for Comedy); 12 users whose histories follow popularity.
 */
final class ServeFixture {
    static final String TOKEN = "s3cret-token";

    private ServeFixture() {
    }

    static void writeData(Path dir) throws IOException {
        Path data = Files.createDirectories(dir.resolve("data"));
        Path posters = Files.createDirectories(data.resolve("posters"));
        StringBuilder catalog = new StringBuilder("id\ttitle\tgenre\tplot\tposter\n");
        for (int i = 1; i <= 40; i++) {
            boolean drama = i % 2 == 0;
            catalog.append("i").append(i).append("\tItem ").append(i).append('\t').append(drama ? "Drama" : "Comedy")
                    .append('\t').append(drama ? "tears family loss winter" : "laughs party friends summer")
                    .append('\t').append("posters/i").append(i).append(".png\n");
            Files.write(posters.resolve("i" + i + ".png"), png(drama ? new Color(200, 30, 30)
                    : new Color(30, 30, 200), i));
        }
        Files.writeString(data.resolve("catalog.tsv"), catalog);
        StringBuilder interactions = new StringBuilder("user\titem\trating\n");
        for (int u = 1; u <= 12; u++) {
            for (int i = 1; i <= 13 - u; i++) {
                interactions.append("u").append(u).append("\ti").append(i).append("\t5\n");
            }
        }
        Files.writeString(data.resolve("interactions.tsv"), interactions);
    }

    /** A small PNG of one colour with a little noise. */
    static byte[] png(Color c, int seed) throws IOException {
        BufferedImage img = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        java.util.Random r = new java.util.Random(seed);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                int d = r.nextInt(20);
                img.setRGB(x, y, new Color(Math.min(255, c.getRed() + d), Math.min(255, c.getGreen() + d),
                        Math.min(255, c.getBlue() + d)).getRGB());
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    /** The configuration: a content variant (text + image, rules) and a popularity variant, half the traffic each. */
    static String config(String rules) {
        return """
                name: served
                dataset:
                  type: tabular
                  feedback: feedback.log
                  catalog: {file: data/catalog.tsv, id: id, title: title, text: [title, plot], image: poster, attributes: [genre]}
                  interactions: {file: data/interactions.tsv, user: user, item: item, rating: rating}
                encoders:
                  text: {name: tfidf, dimension: 256}
                  image: {name: color-histogram}
                fusion: {name: concat}
                generators: [content-profile, %s]
                variants:
                  - {name: content}
                  - {name: popular, modalities: [], generators: [popularity]}
                serve:
                  variants: {content: 0.5, popular: 0.5}
                  adminToken: ${BRAID_TEST_TOKEN:-%s}
                  maxMediaBytes: 65536
                  maxBodyBytes: 262144
                """.formatted(rules, TOKEN);
    }

    /** Replaces the file atomically, as a careful deployment does. */
    static void write(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
