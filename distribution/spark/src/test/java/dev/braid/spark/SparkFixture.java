package dev.braid.spark;

import dev.braid.testkit.TabularData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.apache.spark.sql.SparkSession;

/** A small local Spark and a small generated catalog, shared by the local-mode tests. */
final class SparkFixture {
    private SparkFixture() {
    }

    static SparkSession local() {
        return SparkSession.builder().master("local[2]").appName("braid-spark-test")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "4")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .getOrCreate();
    }

    private static final String[] TOPICS = {"space travel to distant planets", "a detective solving a murder",
        "cooking pasta in a small kitchen", "football season and the final match", "a love story in Paris",
        "robots learning to think", "a pirate ship searching for gold", "jazz musicians in New York"};

    /**
     * Writes {@code data/catalog.tsv} ({@code items} items: topic texts; every 17th text blank, so its item fails
     * with MISSING) and {@code data/interactions.tsv} (each user likes items of one topic), and a configuration.
     */
    static Path catalog(Path dir, int items, int users, String encoders, String extra) throws Exception {
        Random rnd = new Random(11);
        TabularData data = new TabularData("id: id, title: title, text: [plot], attributes: [genre]",
                "id", "title", "plot", "genre");
        for (int i = 0; i < items; i++) {
            String topic = TOPICS[i % TOPICS.length];
            String plot = i % 17 == 5 ? "" : "Story " + i + " about " + topic + ", with " + (rnd.nextInt(90) + 10)
                    + " twists";
            data.item("m" + i, "Title " + i, plot, i % 2 == 0 ? "drama" : "comedy");
        }
        for (int u = 0; u < users; u++) {
            int topic = u % TOPICS.length;
            for (int j = 0; j < 4; j++) {
                int item = topic + TOPICS.length * rnd.nextInt(items / TOPICS.length);
                data.interaction("u" + u, "m" + item, 5);
            }
        }
        Path config = dir.resolve("job.yaml");
        Files.writeString(config, "name: spark-test\n" + data.writeTo(dir) + encoders + extra);
        return config;
    }
}
