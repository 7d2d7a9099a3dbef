#!/usr/bin/env python3
"""Independent reference for Braid's audio-mfcc features (numpy/scipy only; librosa is not needed).

Generates a few test clips as 16-bit mono WAV files and writes, for each, the frame-wise features and the summary
vector computed here, for AudioMfccReferenceTest to compare against the Java implementation.

Definitions (same as MfccAnalyzer's Javadoc, written from librosa's defaults, not from the Java code):
  frames of n_fft samples every hop, no centring, tail dropped; a clip shorter than a frame is zero-padded to one
  frame; periodic Hann window; S = |rfft|, P = S^2.
  mel: Slaney mel scale, Slaney area normalisation (librosa.filters.mel(htk=False, norm='slaney')).
  MFCC: DCT-II (norm='ortho') of 10*log10(max(mel @ P, 1e-10)), first n_mfcc kept.
  deltas: HTK regression, N = 2, edge frames repeated.
  centroid / bandwidth on S; roll-off (0.85) on cumulative S; flatness on max(P, 1e-10);
  contrast on P in octave bands [0, fmin), [fmin, 2 fmin), ..., [fmin 2^(B-1), Nyquist], quantile 0.02;
  ZCR: sign changes (0 counts as positive) / n_fft; RMS in dB floored at -100.
  tempo: onset = mean over mel bands of max(0, diff(logmel)), autocorrelation with log-normal prior (120 BPM,
  1 octave) over 30..300 BPM, parabolic refinement.

Run from the repository root:  python3 modality-audio/src/test/python/features_reference.py
"""
import os

import numpy as np
import scipy.fft
import scipy.io.wavfile
import scipy.signal

SR = 22050
N_FFT = 2048
HOP = 512
N_MELS = 40
N_MFCC = 13
CONTRAST_BANDS = 6
CONTRAST_FMIN = 200.0
ROLLOFF = 0.85
FLOOR = 1e-10

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "features-reference")


def hz_to_mel(f):
    f = np.asarray(f, dtype=float)
    f_sp = 200.0 / 3
    mel = f / f_sp
    min_log_hz, min_log_mel, logstep = 1000.0, 1000.0 / f_sp, np.log(6.4) / 27.0
    return np.where(f >= min_log_hz, min_log_mel + np.log(np.maximum(f, 1e-12) / min_log_hz) / logstep, mel)


def mel_to_hz(m):
    m = np.asarray(m, dtype=float)
    f_sp = 200.0 / 3
    min_log_hz, min_log_mel, logstep = 1000.0, 1000.0 / f_sp, np.log(6.4) / 27.0
    return np.where(m >= min_log_mel, min_log_hz * np.exp(logstep * (m - min_log_mel)), f_sp * m)


def mel_filterbank(sr, n_fft, n_mels, fmin=0.0, fmax=None):
    fmax = sr / 2 if fmax is None else fmax
    fft_freqs = np.arange(n_fft // 2 + 1) * sr / n_fft
    hz = mel_to_hz(np.linspace(hz_to_mel(fmin), hz_to_mel(fmax), n_mels + 2))
    fdiff = np.diff(hz)
    ramps = hz[:, None] - fft_freqs[None, :]
    lower = -ramps[:-2] / fdiff[:-1, None]
    upper = ramps[2:] / fdiff[1:, None]
    weights = np.maximum(0, np.minimum(lower, upper))
    return weights * (2.0 / (hz[2:] - hz[:-2]))[:, None]


def frames_of(x):
    if len(x) <= N_FFT:
        return np.pad(x, (0, N_FFT - len(x)))[None, :]
    n = 1 + (len(x) - N_FFT) // HOP
    return np.stack([x[t * HOP:t * HOP + N_FFT] for t in range(n)])


def deltas(c):
    padded = np.pad(c, ((2, 2), (0, 0)), mode="edge")
    t = len(c)
    num = sum(n * (padded[2 + n:2 + n + t] - padded[2 - n:2 - n + t]) for n in (1, 2))
    return num / (2 * (1 + 4))


def contrast(p):
    freqs = np.arange(p.shape[1]) * SR / N_FFT
    edges = [0.0] + [CONTRAST_FMIN * 2 ** b for b in range(CONTRAST_BANDS)] + [np.inf]
    out = []
    for lo, hi in zip(edges[:-1], edges[1:]):
        band = np.sort(p[:, (freqs >= lo) & (freqs < hi)], axis=1)
        a = max(1, int(np.floor(0.02 * band.shape[1] + 0.5)))
        peak = band[:, -a:].mean(axis=1)
        valley = band[:, :a].mean(axis=1)
        out.append(10 * np.log10(np.maximum(peak, FLOOR)) - 10 * np.log10(np.maximum(valley, FLOOR)))
    return np.stack(out, axis=1)


def tempo(logmel):
    fps = SR / HOP
    onset = np.concatenate([[0.0], np.maximum(0, np.diff(logmel, axis=0)).mean(axis=1)])
    frames = len(onset)
    min_lag = max(1, int(np.ceil(60 * fps / 300)))
    max_lag = min(frames // 2, int(np.floor(60 * fps / 30)))
    if frames < 2 * min_lag + 2 or max_lag < min_lag:
        return 0.0, 0.0
    o = onset - onset.mean()
    full = np.correlate(o, o, mode="full")[frames - 1:]
    if full[0] <= 1e-12:
        return 0.0, 0.0
    lags = np.arange(len(full))
    with np.errstate(divide="ignore"):
        prior = np.exp(-0.5 * np.log2(60 * fps / np.maximum(lags, 1) / 120) ** 2)
    score = full * prior
    best = min_lag + int(np.argmax(score[min_lag:max_lag + 1]))
    lag = float(best)
    lo, hi = max(1, min_lag - 1), min(frames - 1, max_lag + 1)
    if lo < best < hi:
        a, b, c = score[best - 1], score[best], score[best + 1]
        curv = a - 2 * b + c
        if curv < 0:
            lag = best + 0.5 * (a - c) / curv
    return 60 * fps / lag, full[best] / full[0]


def features(x):
    fr = frames_of(x)
    window = scipy.signal.get_window("hann", N_FFT)  # periodic
    spec = np.fft.rfft(fr * window, axis=1)
    p = np.abs(spec) ** 2
    s = np.sqrt(p)
    freqs = np.arange(p.shape[1]) * SR / N_FFT
    ssum = s.sum(axis=1)
    safe = np.where(ssum > 0, ssum, 1)
    centroid = np.where(ssum > 0, (s * freqs).sum(axis=1) / safe, 0)
    bandwidth = np.where(ssum > 0, np.sqrt((s * (freqs[None, :] - centroid[:, None]) ** 2).sum(axis=1) / safe), 0)
    cum = np.cumsum(s, axis=1)
    rolloff = freqs[np.argmax(cum >= ROLLOFF * ssum[:, None], axis=1)]
    pf = np.maximum(p, FLOOR)
    flatness = np.exp(np.log(pf).mean(axis=1)) / pf.mean(axis=1)
    sign = fr >= 0
    zcr = (sign[:, 1:] != sign[:, :-1]).sum(axis=1) / N_FFT
    rms_db = 20 * np.log10(np.maximum(np.sqrt((fr ** 2).mean(axis=1)), 1e-5))
    logmel = 10 * np.log10(np.maximum(p @ mel_filterbank(SR, N_FFT, N_MELS).T, FLOOR))
    mfcc = scipy.fft.dct(logmel, type=2, norm="ortho", axis=1)[:, :N_MFCC]
    con = contrast(p)
    d1 = deltas(mfcc)
    d2 = deltas(d1)
    bpm, strength = tempo(logmel)
    summary = []
    for m in (mfcc, d1, d2):
        summary += list(m.mean(axis=0)) + list(m.std(axis=0))
    for v in (centroid, bandwidth, rolloff, flatness, zcr, rms_db):
        summary += [v.mean(), v.std()]
    summary += list(con.mean(axis=0)) + list(con.std(axis=0))
    summary += [bpm, strength]
    return {"mfcc": mfcc, "delta": d1, "delta2": d2, "centroid": centroid, "bandwidth": bandwidth,
            "rolloff": rolloff, "flatness": flatness, "contrast": con, "zcr": zcr, "rms_db": rms_db,
            "summary": np.array(summary)}


def clips():
    rng = np.random.default_rng(7)
    t = np.arange(int(0.75 * SR)) / SR
    env = np.minimum(1, t / 0.05) * np.exp(-1.5 * t)
    chord = env * (0.3 * np.sin(2 * np.pi * 220 * t) + 0.2 * np.sin(2 * np.pi * 330 * t)
                   + 0.15 * np.sin(2 * np.pi * 440 * t)) + 0.01 * rng.standard_normal(len(t))
    chirp = 0.4 * scipy.signal.chirp(t, f0=100, t1=t[-1], f1=8000, method="logarithmic")
    t3 = np.arange(int(2.5 * SR)) / SR
    clicks = 0.002 * rng.standard_normal(len(t3))
    for beat in np.arange(0.1, 2.5, 0.5):  # 120 BPM
        i = int(beat * SR)
        n = int(0.03 * SR)
        clicks[i:i + n] += 0.6 * rng.standard_normal(n) * np.exp(-np.arange(n) / (0.006 * SR))
    short = 0.5 * np.sin(2 * np.pi * 1000 * np.arange(int(0.01 * SR)) / SR)  # 10 ms
    return {"chord": chord, "chirp": chirp, "clicks": clicks, "short": short}


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, x in clips().items():
        pcm = np.round(np.clip(x, -1, 1) * 32767).astype(np.int16)
        scipy.io.wavfile.write(os.path.join(OUT, name + ".wav"), SR, pcm)
        f = features(pcm.astype(np.float64) / 32768.0)
        with open(os.path.join(OUT, name + ".txt"), "w") as out:
            out.write("# %s.wav: features computed by features_reference.py; key rows cols values...\n" % name)
            for key, v in f.items():
                m = np.atleast_2d(v) if v.ndim == 2 else v[None, :]
                out.write("%s %d %d %s\n" % (key, m.shape[0], m.shape[1], " ".join(repr(float(a)) for a in m.ravel())))
        print(name, len(pcm), "samples, tempo %.2f BPM" % f["summary"][-2])


if __name__ == "__main__":
    main()
