package dev.braid.bench;

import dev.braid.api.data.Item;
import dev.braid.api.data.ItemContent;
import dev.braid.api.data.Media;
import dev.braid.api.encoder.EncodingResult;
import dev.braid.plugin.audio.AudioMfccConfig;
import dev.braid.plugin.audio.AudioMfccEncoder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/**
 * Real-time factor of {@code audio-mfcc} on one core (a command, not a test):
 * {@code java -cp ... dev.braid.bench.MfccBench [SECONDS] [RUNS] [RATE]}. Writes a synthetic
 * 16-bit stereo WAV of SECONDS (default 60) at RATE (default 44100 Hz: chords, noise and a beat) to a temp
 * file, then encodes that one file RUNS times (default 7) on the calling thread (a one-item batch is not
 * parallelised), i.e. decoding, mono mixdown, resampling to 22.05 kHz, trimming, loudness normalisation and all
 * features. Prints audio seconds per wall second and per thread CPU second for each run and the medians.
 */
public final class MfccBench {
    private MfccBench() {
    }

    public static void main(String[] args) throws IOException {
        PrintStream out = System.out;
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 60;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        int rate = args.length > 2 ? Integer.parseInt(args[2]) : 44100;
        Path wav = Files.createTempFile("mfcc-bench", ".wav");
        try {
            write(wav, seconds, rate);
            AudioMfccEncoder encoder = new AudioMfccEncoder(AudioMfccConfig.defaults());
            List<Item> items = List.of(new Item("clip", "", Map.of(), new ItemContent(null, null, Media.ofFile(wav))));
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            for (int i = 0; i < 3; i++) {
                EncodingResult r = encoder.encode(items).get(0);
                if (!(r instanceof EncodingResult.Success)) {
                    throw new IllegalStateException("encoding failed: " + r);
                }
            }
            double[] wall = new double[runs];
            double[] cpu = new double[runs];
            for (int r = 0; r < runs; r++) {
                long t0 = System.nanoTime();
                long c0 = threads.getCurrentThreadCpuTime();
                encoder.encode(items);
                wall[r] = seconds / ((System.nanoTime() - t0) / 1e9);
                cpu[r] = seconds / ((threads.getCurrentThreadCpuTime() - c0) / 1e9);
                out.printf("run %d: %.0fx real time (wall), %.0fx per CPU second%n", r + 1, wall[r], cpu[r]);
            }
            Arrays.sort(wall);
            Arrays.sort(cpu);
            out.printf("%.0f s of %d Hz stereo; median %.0fx real time (wall), %.0fx per CPU second%n", seconds,
                    rate, wall[runs / 2], cpu[runs / 2]);
        } finally {
            Files.deleteIfExists(wav);
        }
    }

    private static void write(Path file, double seconds, int rate) throws IOException {
        int n = (int) (seconds * rate);
        byte[] data = new byte[n * 4];
        Random rnd = new Random(1);
        double[] notes = {220, 277.18, 329.63, 440};
        for (int i = 0; i < n; i++) {
            double t = (double) i / rate;
            double chord = 0;
            int bar = (int) (t / 2);
            for (int k = 0; k < 3; k++) {
                chord += 0.12 * Math.sin(2 * Math.PI * notes[(bar + k) % notes.length] * (1 + 0.5 * k) * t);
            }
            double beat = t % 0.5;
            double kick = beat < 0.05 ? 0.5 * Math.exp(-beat * 80) * rnd.nextGaussian() : 0;
            double left = chord + kick + 0.01 * rnd.nextGaussian();
            double right = chord * 0.8 + kick + 0.01 * rnd.nextGaussian();
            short l = (short) Math.max(-32768, Math.min(32767, Math.round(left * 32767)));
            short r = (short) Math.max(-32768, Math.min(32767, Math.round(right * 32767)));
            data[4 * i] = (byte) l;
            data[4 * i + 1] = (byte) (l >> 8);
            data[4 * i + 2] = (byte) r;
            data[4 * i + 3] = (byte) (r >> 8);
        }
        AudioFormat f = new AudioFormat(rate, 16, 2, true, false);
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(data), f, n)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
        }
    }
}
