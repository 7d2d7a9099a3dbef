package dev.braid.plugin.audio;

/**
 * Frame-wise features of one clip, as computed by {@link MfccAnalyzer} (frames along the first index).
 *
 * @param mfcc      {@code [frames][coefficients]} cepstral coefficients (DCT-II, orthonormal, of the log-mel
 *                  energies in dB)
 * @param logMel    {@code [frames][melBands]} mel energies in dB, {@code 10 log10(max(e, 1e-10))}
 * @param centroid  spectral centroid in Hz (magnitude-weighted mean frequency)
 * @param bandwidth spectral bandwidth in Hz (magnitude-weighted standard deviation around the centroid)
 * @param rolloff   roll-off in Hz: the lowest bin frequency below which the configured share of the magnitude lies
 * @param flatness  spectral flatness of the power spectrum (geometric / arithmetic mean, powers floored at 1e-10)
 * @param contrast  {@code [frames][contrastBands + 1]} spectral contrast in dB per octave band
 * @param zcr       zero-crossing rate (sign changes per sample, zero counts as positive)
 * @param rmsDb     frame RMS in dBFS, floored at -100 dB
 */
record FrameFeatures(double[][] mfcc, double[][] logMel, double[] centroid, double[] bandwidth, double[] rolloff,
        double[] flatness, double[][] contrast, double[] zcr, double[] rmsDb) {

    int frames() {
        return centroid.length;
    }
}
