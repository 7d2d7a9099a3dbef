package dev.braid.platform.media;

import dev.braid.api.encoder.EncodingResult.FailureKind;
import java.io.IOException;
import java.io.InputStream;
import javazoom.jl.decoder.Bitstream;
import javazoom.jl.decoder.Decoder;
import javazoom.jl.decoder.Header;
import javazoom.jl.decoder.JavaLayerException;
import javazoom.jl.decoder.SampleBuffer;

/**
 * MPEG-1/2/2.5 Layer III (and I/II) decoding with JLayer's decoder, called directly (JLayer's javax.sound SPI
 * would not be visible from a bundle). Channels are averaged to mono; decoding stops after {@code maxSeconds}.
 * Stateless and thread-safe (a decoder per call).
 */
final class Mp3Decoder {
    private Mp3Decoder() {
    }

    /**
     * Whether {@code head} (the first bytes of a file) starts like an MP3: an ID3v2 tag, or a valid MPEG audio
     * frame header (sync, a defined version and layer, a bit-rate index other than free/bad, a defined rate).
     */
    static boolean looksLikeMp3(byte[] head, int n) {
        if (n >= 3 && head[0] == 'I' && head[1] == 'D' && head[2] == '3') {
            return true;
        }
        if (n < 4) {
            return false;
        }
        int b1 = head[1] & 0xff;
        int b2 = head[2] & 0xff;
        boolean sync = (head[0] & 0xff) == 0xff && (b1 & 0xe0) == 0xe0;
        int version = (b1 >> 3) & 3;
        int layer = (b1 >> 1) & 3;
        int bitrate = b2 >> 4;
        int rate = (b2 >> 2) & 3;
        return sync && version != 1 && layer != 0 && bitrate != 0 && bitrate != 15 && rate != 3;
    }

    static DecodedAudio decode(InputStream in, String name, double maxSeconds) throws DecodeException {
        Bitstream bits = new Bitstream(in);
        Decoder decoder = new Decoder();
        float[] out = new float[1 << 16];
        int size = 0;
        float rate = 0;
        long limit = Long.MAX_VALUE;
        try {
            Header header;
            while (size < limit && (header = bits.readFrame()) != null) {
                SampleBuffer frame = (SampleBuffer) decoder.decodeFrame(header, bits);
                int channels = Math.max(1, decoder.getOutputChannels());
                if (rate == 0) {
                    rate = decoder.getOutputFrequency();
                    limit = (long) Math.ceil(maxSeconds * rate);
                }
                short[] pcm = frame.getBuffer();
                int frames = frame.getBufferLength() / channels;
                if (size + frames > out.length) {
                    out = java.util.Arrays.copyOf(out, Math.max(out.length * 2, size + frames));
                }
                for (int i = 0, p = 0; i < frames; i++) {
                    int sum = 0;
                    for (int c = 0; c < channels; c++) {
                        sum += pcm[p++];
                    }
                    out[size++] = sum / (32768f * channels);
                }
                bits.closeFrame();
            }
        } catch (JavaLayerException e) {
            if (size == 0) {
                throw new DecodeException(FailureKind.INVALID, name + ": corrupt MP3 (" + e.getMessage() + ")",
                        e);
            }
            // A damaged tail: keep what decoded.
        } catch (RuntimeException e) {
            // JLayer indexes tables with values from the stream: a crafted frame ends here.
            if (size == 0) {
                throw new DecodeException(FailureKind.INVALID, name + ": corrupt MP3 frame (" + e + ")", e);
            }
        } finally {
            try {
                bits.close();
            } catch (JavaLayerException e) {
                // Closing a read stream; nothing to lose.
            }
        }
        if (size == 0 || rate <= 0) {
            throw new DecodeException(FailureKind.INVALID, name + ": no MP3 audio frame found", null);
        }
        int n = (int) Math.min(size, limit);
        return new DecodedAudio(java.util.Arrays.copyOf(out, n), rate);
    }

    /** Reads up to {@code head.length} bytes without consuming them beyond what {@code reset} restores. */
    static int peek(InputStream in, byte[] head) throws IOException {
        in.mark(head.length);
        int n = in.readNBytes(head, 0, head.length);
        in.reset();
        return n;
    }
}
