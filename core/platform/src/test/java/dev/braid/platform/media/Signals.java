package dev.braid.platform.media;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/** Generated test signals, written as WAV or AIFF files by {@code javax.sound}. */
final class Signals {

    private Signals() {
    }

    static float[] sine(double rate, double seconds, double hz, double amplitude) {
        float[] x = new float[(int) Math.round(rate * seconds)];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return x;
    }

    /** 16-bit signed PCM channels as a file of {@code type} (WAV little-endian, AIFF big-endian). */
    static byte[] pcm16(AudioFileFormat.Type type, float rate, float[]... channels) {
        boolean big = type == AudioFileFormat.Type.AIFF;
        int n = channels[0].length;
        int c = channels.length;
        byte[] data = new byte[n * c * 2];
        for (int i = 0, p = 0; i < n; i++) {
            for (float[] channel : channels) {
                int v = Math.round(Math.max(-1, Math.min(1, channel[i])) * 32767);
                data[p + (big ? 0 : 1)] = (byte) (v >> 8);
                data[p + (big ? 1 : 0)] = (byte) v;
                p += 2;
            }
        }
        AudioFormat format = new AudioFormat(rate, 16, c, true, big);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(data), format, n)) {
            AudioSystem.write(in, type, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
