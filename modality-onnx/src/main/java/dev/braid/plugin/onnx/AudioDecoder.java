package dev.braid.plugin.onnx;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * Decodes audio the JDK reads (WAV/AIFF/AU, PCM 8-32 bit or float, any rate, any channel count) to mono floats at
 * one sample rate: channels are averaged, the rate is changed by linear interpolation, and clips are cut at
 * {@code maxSeconds}.
 */
final class AudioDecoder {
    private final int sampleRate;
    private final double maxSeconds;

    AudioDecoder(int sampleRate, double maxSeconds) {
        this.sampleRate = sampleRate;
        this.maxSeconds = maxSeconds;
    }

    /**
     * @throws UnsupportedAudioFileException when the JDK cannot read the format
     */
    float[] decode(InputStream raw) throws IOException, UnsupportedAudioFileException {
        try (AudioInputStream src = AudioSystem.getAudioInputStream(new BufferedInputStream(raw))) {
            AudioFormat f = src.getFormat();
            int channels = Math.max(1, f.getChannels());
            AudioFormat floats = new AudioFormat(AudioFormat.Encoding.PCM_FLOAT, f.getSampleRate(), 32, channels,
                    4 * channels, f.getSampleRate(), false);
            long limitFrames = (long) Math.ceil(maxSeconds * f.getSampleRate());
            byte[] bytes;
            try (AudioInputStream conv = f.getEncoding().equals(AudioFormat.Encoding.PCM_FLOAT)
                    && f.getSampleSizeInBits() == 32 && !f.isBigEndian() ? src
                    : AudioSystem.getAudioInputStream(floats, src)) {
                bytes = conv.readNBytes((int) Math.min(Integer.MAX_VALUE - 16, limitFrames * 4L * channels));
            } catch (IllegalArgumentException e) {
                throw new UnsupportedAudioFileException("cannot convert " + f + " to float samples");
            }
            int frames = bytes.length / (4 * channels);
            float[] mono = new float[frames];
            ByteBuffer bb = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < frames; i++) {
                float sum = 0;
                for (int c = 0; c < channels; c++) {
                    sum += bb.getFloat((i * channels + c) * 4);
                }
                mono[i] = sum / channels;
            }
            return resample(mono, f.getSampleRate(), sampleRate);
        }
    }

    static float[] resample(float[] in, float from, int to) {
        if (Math.abs(from - to) < 1e-3 || in.length == 0) {
            return in;
        }
        int n = (int) Math.max(1, Math.round((double) in.length * to / from));
        float[] out = new float[n];
        double step = (double) from / to;
        for (int i = 0; i < n; i++) {
            double pos = i * step;
            int j = (int) pos;
            double frac = pos - j;
            float a = in[Math.min(j, in.length - 1)];
            float b = in[Math.min(j + 1, in.length - 1)];
            out[i] = (float) (a + (b - a) * frac);
        }
        return out;
    }
}
