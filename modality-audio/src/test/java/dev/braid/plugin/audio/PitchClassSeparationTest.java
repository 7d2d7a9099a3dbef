package dev.braid.plugin.audio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.braid.api.data.Item;
import dev.braid.api.data.ItemContent;
import dev.braid.api.data.Media;
import dev.braid.api.encoder.EncodingResult.Success;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Clips like the synthetic demo catalog's (about 1 s, 16 kHz, 16-bit mono): a class is a pitch or a timbre;
 * loudness, detuning and background noise vary within a class. After per-dimension standardisation (what fusion
 * does), leave-one-out nearest neighbour must recover the class.
 */
class PitchClassSeparationTest {
    private final AudioStatsEncoder encoder = new AudioStatsEncoder(AudioStatsConfig.defaults());

    @Test
    void pitchClassesWithOneTimbreAreSeparated() {
        double[] pitches = {220, 330, 440, 660, 880, 1320};
        Random rnd = new Random(3);
        List<float[]> clips = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int c = 0; c < pitches.length; c++) {
            for (int k = 0; k < 6; k++) {
                clips.add(clip(rnd, pitches[c], 3));
                labels.add(c);
            }
        }
        assertThat(nearestNeighbourHits(clips, labels)).isEqualTo(clips.size());
    }

    @Test
    void timbreClassesAtOnePitchAreSeparated() {
        Random rnd = new Random(5);
        List<float[]> clips = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int harmonics : new int[] {1, 4, 12}) {
            for (int k = 0; k < 6; k++) {
                clips.add(clip(rnd, 440, harmonics));
                labels.add(harmonics);
            }
        }
        assertThat(nearestNeighbourHits(clips, labels)).isEqualTo(clips.size());
    }

    /** A 1 s tone with {@code harmonics} partials of amplitude 1/k, random level, +-1% detune, faint noise. */
    private static float[] clip(Random rnd, double pitch, int harmonics) {
        double f0 = pitch * (1 + (rnd.nextDouble() - 0.5) * 0.02);
        double level = 0.1 + 0.5 * rnd.nextDouble();
        double norm = 0;
        for (int k = 1; k <= harmonics; k++) {
            norm += 1.0 / k;
        }
        double n = norm;
        return TestAudio.signal(16000, 1, t -> {
            double s = 0;
            for (int k = 1; k <= harmonics && k * f0 < 7800; k++) {
                s += Math.sin(2 * Math.PI * k * f0 * t) / k;
            }
            return level * s / n + 0.003 * rnd.nextGaussian();
        });
    }

    private int nearestNeighbourHits(List<float[]> clips, List<Integer> labels) {
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < clips.size(); i++) {
            items.add(new Item("a" + i, "", Map.of(), new ItemContent(null, null,
                    Media.ofBytes("a" + i + ".wav", TestAudio.wav16(16000, clips.get(i))))));
        }
        List<float[]> v = encoder.encode(items).stream().map(r -> ((Success) r).vector()).toList();
        int d = v.get(0).length;
        double[][] z = new double[v.size()][d];
        for (int j = 0; j < d; j++) {
            double mean = 0;
            for (float[] x : v) {
                mean += x[j];
            }
            mean /= v.size();
            double var = 0;
            for (float[] x : v) {
                var += (x[j] - mean) * (x[j] - mean);
            }
            double std = Math.sqrt(var / v.size());
            for (int i = 0; i < v.size(); i++) {
                z[i][j] = std > 1e-9 ? (v.get(i)[j] - mean) / std : 0;
            }
        }
        int hits = 0;
        for (int i = 0; i < z.length; i++) {
            int best = -1;
            double bestDist = Double.MAX_VALUE;
            for (int j = 0; j < z.length; j++) {
                double dist = 0;
                for (int k = 0; k < d; k++) {
                    dist += (z[i][k] - z[j][k]) * (z[i][k] - z[j][k]);
                }
                if (j != i && dist < bestDist) {
                    bestDist = dist;
                    best = j;
                }
            }
            if (labels.get(best).equals(labels.get(i))) {
                hits++;
            }
        }
        return hits;
    }
}
