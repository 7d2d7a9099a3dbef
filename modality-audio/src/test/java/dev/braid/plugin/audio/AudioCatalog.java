package dev.braid.plugin.audio;

import dev.braid.api.data.Item;
import dev.braid.api.data.ItemContent;
import dev.braid.api.data.Media;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/** The clips the encoder contracts run on: tones, chords and noise bursts as 16-bit WAV; and a broken one. */
final class AudioCatalog {
    private static final float RATE = 16_000;

    private AudioCatalog() {
    }

    static List<Item> items() {
        List<Item> items = new ArrayList<>();
        Random rnd = new Random(3);
        for (int k = 0; k < 8; k++) {
            double hz = 110 * Math.pow(2, k / 3.0);
            items.add(item("tone" + k, TestAudio.sine(RATE, 0.5, hz, 0.5)));
            items.add(item("chord" + k, TestAudio.signal(RATE, 0.6,
                    t -> 0.3 * Math.sin(2 * Math.PI * hz * t) + 0.3 * Math.sin(2 * Math.PI * hz * 1.5 * t))));
            double level = 0.1 + 0.05 * k;
            float[] noise = TestAudio.signal(RATE, 0.4, t -> level * rnd.nextGaussian());
            items.add(item("noise" + k, noise));
        }
        return items;
    }

    /** A file named like a WAV whose bytes are not audio: present, but not decodable. */
    static Optional<Item> broken() {
        byte[] junk = "RIFF, but no audio in here".getBytes(StandardCharsets.US_ASCII);
        return Optional.of(new Item("broken", "", Map.of(), new ItemContent(null, null,
                Media.ofBytes("broken.wav", junk))));
    }

    private static Item item(String id, float[] mono) {
        return new Item(id, "", Map.of(), new ItemContent(null, null,
                Media.ofBytes(id + ".wav", TestAudio.wav16(RATE, mono))));
    }
}
