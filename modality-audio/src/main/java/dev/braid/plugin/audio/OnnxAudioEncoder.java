package dev.braid.plugin.audio;

import dev.braid.api.component.BraidComponent;
import dev.braid.api.component.Environment;
import dev.braid.api.component.SharedResources;
import dev.braid.api.data.Media;
import dev.braid.api.data.Modality;
import dev.braid.api.encoder.EncodingResult.FailureKind;
import dev.braid.platform.media.AudioDecoder;
import dev.braid.platform.media.DecodeException;
import dev.braid.platform.onnx.OnnxModel;
import dev.braid.platform.onnx.OnnxMediaEncoder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Audio vectors from an ONNX audio model the user supplies, fed a log-mel spectrogram ({@link LogMel}) of the clip
 * decoded by the platform's {@link AudioDecoder} (WAV, AIFF, AU, MP3; mixed to mono, resampled to
 * {@code sampleRate}). The model input is {@code [batch, mels, frames]} or
 * {@code [batch, 1, mels, frames]}; clips are cut or zero-padded to a fixed number of frames when the model (or
 * {@code frames}) fixes one and are then run in batches, otherwise each clip is run at its own length.
 *
 * <p>Per item: no audio is MISSING; an unreadable file UNREADABLE; a format the decoder cannot read UNSUPPORTED; a
 * truncated file or a clip without samples INVALID. A clip shorter than one FFT window (e.g. 10 ms) is zero-padded to one frame; a silent
 * clip gives the spectrogram of silence (every band at the log floor) and hence a well-defined vector.
 */
@BraidComponent(name = "onnx-audio", config = OnnxAudioConfig.class, modality = Modality.AUDIO,
        description = "audio vectors from a user-supplied ONNX model on log-mel input")
public final class OnnxAudioEncoder extends OnnxMediaEncoder<float[][]> {
    private static final int BATCH = 16;

    private final OnnxAudioConfig config;
    private final AudioDecoder decoder;
    private final LogMel logMel;
    private final boolean channelAxis;
    private final int fixedFrames;

    public OnnxAudioEncoder(OnnxAudioConfig config, SharedResources resources, Environment environment) {
        super(Modality.AUDIO, OnnxModel.shared(resources, environment.resolve(config.model()), config.inputName(),
                config.outputName(), config.threads()), config.normalize());
        this.config = config;
        try {
            this.decoder = new AudioDecoder(config.maxSeconds());
            this.logMel = new LogMel(config.sampleRate(), config.nFft(), config.hop(), config.mels());
            Path file = model().file();
            long[] shape = model().inputShape();
            if (shape.length != 3 && !(shape.length == 4 && (shape[1] == 1 || shape[1] < 0))) {
                throw new IllegalArgumentException("model " + file + " input '" + model().inputName()
                        + "' has shape " + Arrays.toString(shape) + "; a log-mel model takes [batch, mels, frames] "
                        + "or [batch, 1, mels, frames]");
            }
            this.channelAxis = shape.length == 4;
            long melAxis = shape[shape.length - 2];
            if (melAxis > 0 && melAxis != config.mels()) {
                throw new IllegalArgumentException("model " + file + " takes " + melAxis + " mel bands, the "
                        + "configuration gives mels: " + config.mels());
            }
            long modelFrames = shape[shape.length - 1];
            if (config.frames() > 0 && modelFrames > 0 && modelFrames != config.frames()) {
                throw new IllegalArgumentException("model " + file + " takes " + modelFrames + " frames, the "
                        + "configuration gives frames: " + config.frames());
            }
            this.fixedFrames = config.frames() > 0 ? config.frames() : (int) Math.max(0, modelFrames);
            probe(logMel.compute(new float[config.nFft()]));
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    protected float[][] decode(Media media) throws DecodeException {
        float[] samples = decoder.decode(media, config.sampleRate()).samples();
        if (samples.length == 0) {
            throw new DecodeException(FailureKind.INVALID, media.name() + ": no samples", null);
        }
        return logMel.compute(samples);
    }

    /** Clips of a fixed length go in batches; clips of their own length one at a time. */
    @Override
    protected int batchSize() {
        return fixedFrames > 0 ? BATCH : 1;
    }

    /** Runs spectrograms of one length (fixed, or a single clip's own) through the model. */
    @Override
    protected float[][] run(List<float[][]> specs) {
        int mels = config.mels();
        int frames = fixedFrames > 0 ? fixedFrames : specs.get(0)[0].length;
        int n = specs.size();
        float[] input = new float[n * mels * frames];
        for (int k = 0; k < n; k++) {
            float[][] s = specs.get(k);
            for (int m = 0; m < mels; m++) {
                int len = Math.min(frames, s[m].length);
                System.arraycopy(s[m], 0, input, (k * mels + m) * frames, len);
                if (len < frames) {
                    // Pad with silence (the log floor), not zeros: zero would be a loud band in log space.
                    Arrays.fill(input, (k * mels + m) * frames + len, (k * mels + m + 1) * frames,
                            (float) Math.log(LogMel.FLOOR));
                }
            }
        }
        long[] shape = channelAxis ? new long[] {n, 1, mels, frames} : new long[] {n, mels, frames};
        return model().run(input, shape);
    }
}
