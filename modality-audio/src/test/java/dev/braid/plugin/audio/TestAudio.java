package dev.braid.plugin.audio;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.function.DoubleUnaryOperator;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/** Generated test clips. */
final class TestAudio {

    private TestAudio() {
    }

    /** {@code seconds} of {@code signal(t)} at {@code rate}. */
    static float[] signal(double rate, double seconds, DoubleUnaryOperator signal) {
        float[] x = new float[(int) Math.round(rate * seconds)];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) signal.applyAsDouble(i / rate);
        }
        return x;
    }

    static float[] sine(double rate, double seconds, double hz, double amplitude) {
        return signal(rate, seconds, t -> amplitude * Math.sin(2 * Math.PI * hz * t));
    }

    /**
     * Encodes channels as a WAV file: PCM signed (16, 24, 32 bits), PCM unsigned (8 bits) or float (32 bits),
     * little-endian, written by {@link AudioSystem#write}.
     */
    static byte[] wav(float rate, int bits, boolean floating, float[]... channels) {
        int n = channels[0].length;
        int bytes = bits / 8;
        int c = channels.length;
        byte[] data = new byte[n * c * bytes];
        for (int i = 0, p = 0; i < n; i++) {
            for (float[] ch : channels) {
                long v;
                if (floating) {
                    v = Float.floatToIntBits(ch[i]);
                } else if (bits == 8) {
                    v = Math.round(ch[i] * 127.0) + 128;
                } else {
                    double full = Math.pow(2, bits - 1) - 1;
                    v = Math.round(Math.max(-1, Math.min(1, ch[i])) * full);
                }
                for (int b = 0; b < bytes; b++, p++) {
                    data[p] = (byte) (v >> (8 * b));
                }
            }
        }
        AudioFormat.Encoding enc = floating ? AudioFormat.Encoding.PCM_FLOAT
                : bits == 8 ? AudioFormat.Encoding.PCM_UNSIGNED : AudioFormat.Encoding.PCM_SIGNED;
        AudioFormat format = new AudioFormat(enc, rate, bits, c, bytes * c, rate, false);
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(data), format, n)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] wav16(float rate, float[] mono) {
        return wav(rate, 16, false, mono);
    }

    static Path write(Path file, byte[] data) {
        try {
            return java.nio.file.Files.write(file, data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
