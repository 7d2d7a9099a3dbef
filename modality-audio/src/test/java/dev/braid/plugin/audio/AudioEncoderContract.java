package dev.braid.plugin.audio;

import dev.braid.api.data.Item;
import dev.braid.api.data.ItemContent;
import dev.braid.api.data.Media;
import dev.braid.testkit.EncoderContract;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * The encoder contract on audio: tones, chords and noise bursts as 16-bit WAV, and a WAV name over bytes that are
 * not audio as the broken item.
 */
abstract class AudioEncoderContract extends EncoderContract {
    private static final float RATE = 16_000;

    @Override
    protected List<Item> catalog() {
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

    @Override
    protected Optional<Item> brokenItem() {
        byte[] junk = "RIFF, but no audio in here".getBytes(StandardCharsets.US_ASCII);
        return Optional.of(new Item("broken", "", Map.of(), new ItemContent(null, null,
                Media.ofBytes("broken.wav", junk))));
    }

    private static Item item(String id, float[] mono) {
        return new Item(id, "", Map.of(), new ItemContent(null, null,
                Media.ofBytes(id + ".wav", TestAudio.wav16(RATE, mono))));
    }
}
