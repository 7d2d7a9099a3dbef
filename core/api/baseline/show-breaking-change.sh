#!/usr/bin/env bash
# Shows the API baseline at work: removes a method from the released API in a scratch copy and builds it.
# Expected: the build FAILS, naming dev.braid.api.encoder with a MAJOR change. Run from anywhere; Maven offline.
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/core"
cp "$root/pom.xml" "$tmp/" && cp -r "$root/.mvn" "$tmp/" && cp "$root/core/pom.xml" "$tmp/core/"
cp -r "$root/core/api" "$tmp/core/api" && rm -rf "$tmp/core/api/target"
enc="$tmp/core/api/src/main/java/dev/braid/api/encoder/ModalityEncoder.java"
# Drop fingerprint() (its Javadoc and body) from ModalityEncoder.
python3 - "$enc" <<'PY'
import re, sys
p = sys.argv[1]; s = open(p).read()
s2 = re.sub(r"\n    /\*\*\n     \* What identifies.*?\n    }\n", "\n", s, flags=re.S)
assert s2 != s, "fingerprint() not found"
open(p, "w").write(s2)
PY
echo "Removed ModalityEncoder.fingerprint(); building the API..." >&2
if (cd "$tmp/core/api" && mvn -B -o -q -ntp verify -DskipTests > "$tmp/build.log" 2>&1); then
  echo "UNEXPECTED: the build passed" >&2; exit 1
fi
grep -E "MAJOR|Baseline problems" "$tmp/build.log" | head -5
echo "As expected, the build failed: an incompatible API change needs a major version." >&2
