package dev.braid.plugin.audio;

import dev.braid.api.component.Param;

/**
 * Configuration of the {@code audio-mfcc} encoder.
 *
 * @param sampleRate        rate (Hz) every clip is resampled to before analysis
 * @param frameSize         FFT frame length in samples (even; a power of two is fastest)
 * @param hopSize           step between frames in samples
 * @param melBands          mel filterbank bands
 * @param coefficients      MFCCs kept (including c0)
 * @param fMin              lowest frequency of the mel filterbank, Hz
 * @param fMax              highest frequency of the mel filterbank, Hz; 0 means Nyquist
 * @param contrastBands     octave bands of the spectral contrast (one more band covers 0 .. contrastMinHz)
 * @param contrastMinHz     upper edge of the lowest contrast band, Hz
 * @param rolloff           share of the spectral magnitude below the roll-off frequency
 * @param trimSilence       cut leading and trailing silence first
 * @param trimDb            frames this many dB below the loudest frame count as silence
 * @param normalizeLoudness bring every clip to the same RMS loudness first
 * @param targetDbfs        target RMS loudness, dBFS
 * @param maxGainDb         largest gain the loudness normalisation applies, dB
 * @param maxSeconds        only the first {@code maxSeconds} of a clip are analysed (bounds time and memory)
 */
public record AudioMfccConfig(
        @Param(description = "analysis sample rate in Hz (clips are resampled to it)", defaultValue = "22050",
                min = 4000, max = 192000) int sampleRate,
        @Param(description = "FFT frame length in samples (even)", defaultValue = "2048", min = 64, max = 65536)
        int frameSize,
        @Param(description = "hop between frames in samples", defaultValue = "512", min = 1, max = 65536) int hopSize,
        @Param(description = "mel filterbank bands", defaultValue = "40", min = 2, max = 512) int melBands,
        @Param(description = "MFCCs kept, including c0", defaultValue = "13", min = 1, max = 512) int coefficients,
        @Param(description = "lowest mel filterbank frequency, Hz", defaultValue = "0", min = 0) double fMin,
        @Param(description = "highest mel filterbank frequency, Hz (0 = Nyquist)", defaultValue = "0", min = 0)
        double fMax,
        @Param(description = "octave bands of the spectral contrast", defaultValue = "6", min = 1, max = 16)
        int contrastBands,
        @Param(description = "upper edge of the lowest spectral contrast band, Hz", defaultValue = "200", min = 1)
        double contrastMinHz,
        @Param(description = "share of the spectral magnitude below the roll-off frequency", defaultValue = "0.85",
                min = 0.01, max = 1) double rolloff,
        @Param(description = "trim leading and trailing silence", defaultValue = "true") boolean trimSilence,
        @Param(description = "frames this many dB below the loudest count as silence", defaultValue = "60", min = 1,
                max = 120) double trimDb,
        @Param(description = "normalise every clip to the same RMS loudness", defaultValue = "true")
        boolean normalizeLoudness,
        @Param(description = "target RMS loudness, dBFS", defaultValue = "-20", min = -80, max = 0) double targetDbfs,
        @Param(description = "largest gain of the loudness normalisation, dB", defaultValue = "40", min = 0,
                max = 100) double maxGainDb,
        @Param(description = "analyse at most this many seconds from the start of each clip", defaultValue = "600",
                min = 0.01) double maxSeconds) {

    /** The documented defaults: 13 MFCCs, 40 mel bands, 2048/512 at 22.05 kHz, trimming and normalisation on. */
    public static AudioMfccConfig defaults() {
        return new AudioMfccConfig(22050, 2048, 512, 40, 13, 0, 0, 6, 200, 0.85, true, 60, true, -20, 40, 600);
    }

    /** The defaults without any preprocessing (features of the clip exactly as decoded and resampled). */
    public static AudioMfccConfig raw() {
        return new AudioMfccConfig(22050, 2048, 512, 40, 13, 0, 0, 6, 200, 0.85, false, 60, false, -20, 40, 600);
    }
}
