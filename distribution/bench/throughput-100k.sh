#!/bin/sh
# Throughput of `braid serve` on a generated 100k-item catalog: ann-content (HNSW) + rules, top-10 per request,
# open-loop load at RATE req/s for SECONDS (docs/serving.md, "Throughput, 100k items").
#
#   distribution/bench/throughput-100k.sh [WORK_DIR] [RATE] [SECONDS]      (defaults: /tmp/braid-100k 1000 60)
#
# Needs the built distribution (mvn -o -pl distribution -am -DskipTests package). Steps: generate the catalog once
# (GenCatalog.java; same files every time), start the server (first start: tf-idf + HNSW build; later starts read
# the vector cache and the index file), wait until it is ready, run ServeLoad (10 s warm-up, then the measured
# run; then, when wrk is installed, a 20 s closed-loop run for the capacity), print the load average before the
# run and the figures, stop the server.
set -e
BENCH=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
. "$BENCH/background.sh"
REPO=$(dirname "$(dirname "$BENCH")")
BRAID=${BRAID:-$REPO/distribution/target/braid/bin/braid}
WORK=${1:-/tmp/braid-100k}
RATE=${2:-1000}
SECONDS_=${3:-60}
PORT=${PORT:-18097}
mkdir -p "$WORK"
[ -f "$WORK/data/catalog.tsv" ] || java "$BENCH/GenCatalog.java" --out "$WORK/data" --items 100000 --users 10000
cp "$BENCH/throughput-100k.yaml" "$WORK/serve.yaml"
export BRAID_CACHE_DIR="$WORK/cache" BRAID_LOG_LEVEL=INFO
# A fixed heap (no resizing under load) and the parallel collector with a small young generation: its young
# pauses take about 2 ms every 0.4 s at this rate, where G1 took about 9 ms every 2.2 s (docs/serving.md).
export BRAID_JAVA_OPTS="${BRAID_JAVA_OPTS:--Xms1g -Xmx1g -XX:+UseParallelGC -Xmn128m}"
T0=$(date +%s)
"$BRAID" serve --config "$WORK/serve.yaml" --port "$PORT" > "$WORK/serve.log" 2>&1 &
PID=$!
stop_on_exit $PID
await_line "$WORK/serve.log" "Braid serving" $PID server
# The server is the java process the launcher exec'd (same pid).
echo "server ready after $(( $(date +%s) - T0 )) s (pid $PID)"
grep -h "ann-content: HNSW\|is live" "$WORK/serve.log" | sed 's/^/  /'
echo "load average before the run: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores)"
java -Xss256k "$BENCH/ServeLoad.java" --url "http://127.0.0.1:$PORT" --rate "$RATE" --seconds "$SECONDS_" \
  --warmup 10 --users 10000 --userFormat u%05d --path '/recommendations?k=10' --pid $PID
echo "load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)"
# Closed-loop cross-check (capacity at saturation), when wrk is installed (Debian: apt-get install wrk).
if command -v wrk >/dev/null 2>&1; then
  echo "wrk closed loop, 1 thread, 16 connections, 20 s:"
  wrk -t1 -c16 -d20s --latency -s "$BENCH/users.lua" "http://127.0.0.1:$PORT" | grep -E "Requests/sec|Latency|50%|90%|99%|requests in|Non-2xx|Socket errors"
fi
