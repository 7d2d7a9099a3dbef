package dev.braid.datasets;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Synthesises the demo's sounds: one second of 16 kHz, 16-bit mono audio whose class sets the fundamental pitch
 * (log-spaced from 150 to 2,000 Hz) and the timbre (spectral tilt, odd or all harmonics), with per-item pitch
 * jitter, vibrato, a random amplitude envelope and white noise.
 */
final class DemoAudio {
    static final int SAMPLE_RATE = 16_000;
    static final int SAMPLES = SAMPLE_RATE;
    private static final int TABLE = 4096;
    private static final double[] TILT = {1.0, 2.5, 0.7, 2.0, 1.2, 3.0, 0.8, 1.5};
    private static final boolean[] ODD_ONLY = {false, true, false, false, true, false, true, false};

    /** Wave tables by class and harmonic count, shared read-only between threads. */
    private static final Map<Integer, double[]> TABLES = new ConcurrentHashMap<>();

    private DemoAudio() {
    }

    /** The fundamental frequency of a sound class, in Hz. */
    static double pitchOf(int sound) {
        return 150.0 * Math.pow(2000.0 / 150.0, sound / (double) (DemoCatalog.CLASSES - 1));
    }

    /** The samples of one clip, in [-1, 1]. */
    static double[] samples(int sound, SplittableRandom rng) {
        double f0 = pitchOf(sound) * (1 + (rng.nextDouble() * 2 - 1) * 0.03);
        double[] table = waveTable(sound, f0);
        double vibratoRate = 3 + rng.nextDouble() * 4;
        double vibratoDepth = rng.nextDouble() * 0.005;
        double attack = 0.005 + rng.nextDouble() * 0.15;
        boolean decaying = rng.nextBoolean();
        double tau = 0.2 + rng.nextDouble() * 0.8;
        double release = 0.05 + rng.nextDouble() * 0.25;
        double tremoloRate = 1 + rng.nextDouble() * 7;
        double tremoloDepth = rng.nextDouble() * 0.3;
        double gain = 0.3 + rng.nextDouble() * 0.6;
        double noise = 0.01 + rng.nextDouble() * 0.07;
        double phase = rng.nextDouble();
        double[] out = new double[SAMPLES];
        double[] white = new double[SAMPLES];
        DemoNoise.fill(white, rng);
        for (int i = 0; i < SAMPLES; i++) {
            double t = i / (double) SAMPLE_RATE;
            double f = f0 * (1 + vibratoDepth * Math.sin(2 * Math.PI * vibratoRate * t));
            phase += f / SAMPLE_RATE;
            phase -= Math.floor(phase);
            double pos = phase * TABLE;
            int k = (int) pos;
            double frac = pos - k;
            double wave = table[k] * (1 - frac) + table[(k + 1) % TABLE] * frac;
            double env = Math.min(1, t / attack) * (decaying ? Math.exp(-t / tau) : Math.min(1, (1 - t) / release));
            env *= 1 - tremoloDepth * (0.5 + 0.5 * Math.sin(2 * Math.PI * tremoloRate * t));
            double v = gain * env * wave + noise * white[i];
            out[i] = Math.max(-1, Math.min(1, v));
        }
        return out;
    }

    /** A WAV file (RIFF, PCM 16-bit little-endian, mono) of these samples. */
    static byte[] wav(double[] samples) {
        int dataBytes = samples.length * 2;
        ByteBuffer b = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(36 + dataBytes);
        b.put("WAVEfmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16);
        b.putShort((short) 1).putShort((short) 1).putInt(SAMPLE_RATE).putInt(SAMPLE_RATE * 2);
        b.putShort((short) 2).putShort((short) 16);
        b.put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(dataBytes);
        for (double s : samples) {
            b.putShort((short) Math.round(s * 32767));
        }
        return b.array();
    }

    /** One period of the class's waveform, peak-normalised; harmonics stay below 7.5 kHz (no aliasing). */
    private static double[] waveTable(int sound, double f0) {
        int harmonics = (int) Math.min(16, Math.floor(7500 / f0));
        return TABLES.computeIfAbsent(sound * 100 + harmonics, k -> buildTable(sound, harmonics));
    }

    private static double[] buildTable(int sound, int harmonics) {
        double[] table = new double[TABLE];
        for (int h = 1; h <= harmonics; h++) {
            if (ODD_ONLY[sound] && h % 2 == 0) {
                continue;
            }
            double a = Math.pow(h, -TILT[sound]);
            for (int i = 0; i < TABLE; i++) {
                table[i] += a * Math.sin(2 * Math.PI * h * i / TABLE);
            }
        }
        double peak = 0;
        for (double v : table) {
            peak = Math.max(peak, Math.abs(v));
        }
        for (int i = 0; i < TABLE; i++) {
            table[i] /= peak;
        }
        return table;
    }
}
