package dev.braid.platform.media;

import dev.braid.api.data.Media;
import dev.braid.api.encoder.EncodingResult.FailureKind;
import java.io.BufferedInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * Decodes a clip to mono floats: MP3 (sniffed from the first bytes) with {@link Mp3Decoder} (JLayer), anything
 * else with {@link AudioSystem} (WAV, AIFF, AU): PCM signed or unsigned at 8, 16, 24 or 32 bits, IEEE float at 32
 * or 64 bits, either byte order, any number of channels (averaged), any rate; other encodings (mu-law, A-law) go
 * through {@code AudioSystem}'s converters when it has one. Reads at most {@code maxSeconds}; resamples to a
 * requested rate ({@link Resampler}, band-limited). A missing file, an unknown format, a corrupt header and a file
 * shorter than its header says are {@link DecodeException}s naming the file. Stateless and thread-safe.
 */
public final class AudioDecoder {
    private final double maxSeconds;

    /** @param maxSeconds the longest stretch read from the start of a clip */
    public AudioDecoder(double maxSeconds) {
        if (!(maxSeconds > 0)) {
            throw new IllegalArgumentException("maxSeconds must be > 0, got " + maxSeconds);
        }
        this.maxSeconds = maxSeconds;
    }

    /**
     * Decodes the clip and resamples it to {@code sampleRate}.
     *
     * @throws DecodeException naming the media when it cannot be read or decoded
     */
    public DecodedAudio decode(Media media, float sampleRate) throws DecodeException {
        DecodedAudio clip = decode(media);
        return new DecodedAudio(Resampler.resample(clip.samples(), clip.sampleRate(), sampleRate), sampleRate);
    }

    /**
     * Decodes the clip at its own rate.
     *
     * @throws DecodeException naming the media when it cannot be read or decoded
     */
    public DecodedAudio decode(Media media) throws DecodeException {
        String name = media.name();
        try (InputStream raw = open(media)) {
            byte[] head = new byte[4];
            if (Mp3Decoder.looksLikeMp3(head, Mp3Decoder.peek(raw, head))) {
                return Mp3Decoder.decode(raw, name, maxSeconds);
            }
            return decodeSampled(raw, name);
        } catch (NoSuchFileException | FileNotFoundException e) {
            throw new DecodeException(FailureKind.UNREADABLE, name + ": file not found", e);
        } catch (IOException e) {
            throw new DecodeException(FailureKind.UNREADABLE, name + ": cannot read (" + reason(e) + ")", e);
        }
    }

    private DecodedAudio decodeSampled(InputStream raw, String name) throws DecodeException {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(raw)) {
            AudioInputStream pcm = toPcm(in, name);
            AudioFormat f = pcm.getFormat();
            int bytesPerSample = f.getSampleSizeInBits() / 8;
            int channels = f.getChannels();
            if (f.getSampleSizeInBits() % 8 != 0 || bytesPerSample < 1 || bytesPerSample > 8 || channels < 1
                    || f.getFrameSize() != bytesPerSample * channels || !(f.getSampleRate() > 0)) {
                throw new DecodeException(FailureKind.UNSUPPORTED, name + ": unsupported sample layout (" + f
                        + ")", null);
            }
            long maxFrames = (long) Math.ceil(maxSeconds * f.getSampleRate());
            long maxBytes = Math.min(Integer.MAX_VALUE - 64, maxFrames * f.getFrameSize());
            byte[] data = pcm.readNBytes((int) maxBytes);
            int frames = data.length / f.getFrameSize();
            long declared = in.getFrameLength();
            if (declared != AudioSystem.NOT_SPECIFIED && frames < Math.min(declared, maxFrames)
                    && f.getEncoding().equals(in.getFormat().getEncoding())) {
                throw new DecodeException(FailureKind.INVALID, name + ": truncated audio (the header says "
                        + declared + " frames, the file holds " + frames + ")", null);
            }
            float[] mono = new float[frames];
            boolean big = f.isBigEndian();
            AudioFormat.Encoding enc = f.getEncoding();
            float scale = 1f / channels;
            for (int i = 0, p = 0; i < frames; i++) {
                float sum = 0;
                for (int c = 0; c < channels; c++, p += bytesPerSample) {
                    sum += sample(data, p, bytesPerSample, big, enc);
                }
                mono[i] = sum * scale;
            }
            return new DecodedAudio(mono, f.getSampleRate());
        } catch (UnsupportedAudioFileException e) {
            throw new DecodeException(FailureKind.UNSUPPORTED, name
                    + ": not a supported audio file (WAV, AIFF, AU with PCM or float samples, MP3)", e);
        } catch (IOException e) {
            throw new DecodeException(FailureKind.INVALID, name + ": corrupt or truncated audio (" + reason(e)
                    + ")", e);
        } catch (RuntimeException e) {
            // The JDK's readers throw IllegalArgumentException and friends on some malformed headers.
            throw new DecodeException(FailureKind.INVALID, name + ": corrupt audio header (" + reason(e) + ")",
                    e);
        }
    }

    /** A buffered stream (mark/reset: the format is sniffed first). */
    private static InputStream open(Media media) throws IOException {
        if (media instanceof Media.FileMedia f) {
            return new BufferedInputStream(Files.newInputStream(f.path()), 1 << 16);
        }
        return new BufferedInputStream(media.open(), 1 << 16);
    }

    private static AudioInputStream toPcm(AudioInputStream in, String name) throws DecodeException {
        AudioFormat.Encoding e = in.getFormat().getEncoding();
        if (AudioFormat.Encoding.PCM_SIGNED.equals(e) || AudioFormat.Encoding.PCM_UNSIGNED.equals(e)
                || AudioFormat.Encoding.PCM_FLOAT.equals(e)) {
            return in;
        }
        if (AudioSystem.isConversionSupported(AudioFormat.Encoding.PCM_SIGNED, in.getFormat())) {
            return AudioSystem.getAudioInputStream(AudioFormat.Encoding.PCM_SIGNED, in);
        }
        throw new DecodeException(FailureKind.UNSUPPORTED, name + ": unsupported audio encoding " + e, null);
    }

    /** One sample as a float in [-1, 1] (non-finite float samples become 0). */
    static float sample(byte[] d, int p, int bytes, boolean bigEndian, AudioFormat.Encoding enc) {
        long bits = 0;
        for (int i = 0; i < bytes; i++) {
            int b = d[p + (bigEndian ? i : bytes - 1 - i)] & 0xff;
            bits = bits << 8 | b;
        }
        int width = bytes * 8;
        if (AudioFormat.Encoding.PCM_FLOAT.equals(enc)) {
            double v = bytes == 8 ? Double.longBitsToDouble(bits) : bytes == 4 ? Float.intBitsToFloat((int) bits) : 0;
            return Double.isFinite(v) ? (float) Math.max(-1, Math.min(1, v)) : 0f;
        }
        double full = Math.pow(2, width - 1);
        if (AudioFormat.Encoding.PCM_UNSIGNED.equals(enc)) {
            return (float) ((bits - full) / full);
        }
        long signed = bits << (64 - width) >> (64 - width);
        return (float) (signed / full);
    }

    private static String reason(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
