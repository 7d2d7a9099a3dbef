#!/bin/sh
# Makes the MP3 test fixtures in src/test/resources/mp3 (needs python3 with numpy/scipy and LAME 3.100).
# tone-stereo-44k.mp3: 1 s, 44.1 kHz stereo, MPEG-1 Layer III 96 kbit/s; left 440 Hz, right 880 Hz, 0.4 each.
# tone-mono-16k.mp3:  1 s, 16 kHz mono, MPEG-2 Layer III 32 kbit/s; 1000 Hz at 0.5.
set -e
cd "$(dirname "$0")/../resources/mp3"
python3 - <<'PY'
import numpy as np, scipy.io.wavfile as w
t = np.arange(44100) / 44100
w.write("stereo.wav", 44100, (np.stack([0.4 * np.sin(2 * np.pi * 440 * t), 0.4 * np.sin(2 * np.pi * 880 * t)], 1) * 32767).astype(np.int16))
t = np.arange(16000) / 16000
w.write("mono.wav", 16000, (0.5 * np.sin(2 * np.pi * 1000 * t) * 32767).astype(np.int16))
PY
lame --quiet -b 96 --resample 44.1 stereo.wav tone-stereo-44k.mp3
lame --quiet -b 32 -m m mono.wav tone-mono-16k.mp3
rm stereo.wav mono.wav
