#!/bin/sh
# braid serve with llm-rerank and llm-explain against a chat-completions stub that fails half its calls
# (docs/llm.md, "Serving under failure"): open-loop load of RATE req/s for SECONDS on
# /recommendations?k=10&explain=llm, first on variant plain (the same chain without the LLM stages: the baseline),
# then on variant llm; then the LLM counters from /metrics and the stub's own count of answers and failures.
#
#   distribution/bench/llm/llm-load.sh [WORK_DIR] [RATE] [SECONDS]     (defaults: /tmp/braid-llm-load 100 60)
#
# Needs the built distribution (mvn -o -pl distribution -am -DskipTests package). Loopback only.
set -e
BENCH=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
. "$BENCH/../background.sh"
REPO=$(dirname "$(dirname "$(dirname "$BENCH")")")
BRAID=${BRAID:-$REPO/distribution/target/braid/bin/braid}
WORK=${1:-/tmp/braid-llm-load}
RATE=${2:-100}
SECONDS_=${3:-60}
PORT=${PORT:-18098}
# Open loop needs more connections than requests in flight: 100 req/s x 0.3 s LLM budget is 30 at once, and a
# connection still waiting sends its next request late (the wait counts in the latency).
CONNECTIONS=${CONNECTIONS:-128}
mkdir -p "$WORK"
# STUB_PORT: another port for the stub when 18111 is taken (the configuration's baseUrl follows it).
STUB_PORT=${STUB_PORT:-18111}
sed "s/127.0.0.1:18111/127.0.0.1:$STUB_PORT/" "$BENCH/llm-serve.yaml" > "$WORK/serve.yaml"
export BRAID_CACHE_DIR="$WORK/cache" BRAID_LOG_LEVEL=INFO BRAID_BENCH_LLM_KEY=bench-key-not-a-secret
export BRAID_JAVA_OPTS="${BRAID_JAVA_OPTS:--Xms512m -Xmx512m} -Xlog:gc:file=$WORK/gc.log"
java "$BENCH/StubChat.java" --port "$STUB_PORT" --failRate 0.5 --delayMs 30 --slowMs 5000 --seed 1 > "$WORK/stub.log" 2>&1 &
STUB=$!
"$BRAID" serve --config "$WORK/serve.yaml" --port "$PORT" > "$WORK/serve.log" 2>&1 &
PID=$!
stop_on_exit $PID $STUB
await_line "$WORK/stub.log" "stub chat server on" $STUB stub 5
await_line "$WORK/serve.log" "Braid serving" $PID server
for VARIANT in plain llm; do
  echo "== variant $VARIANT; load average before: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores)"
  # Beside the load: how late any sleeping thread on this machine wakes (what no deadline can beat).
  java "$REPO/distribution/bench/Hiccups.java" --seconds "$((SECONDS_ + 5))" > "$WORK/hiccups-$VARIANT.txt" 2>&1 &
  HICCUPS=$!
  java -Xss256k "$REPO/distribution/bench/ServeLoad.java" --url "http://127.0.0.1:$PORT" --rate "$RATE" \
    --seconds "$SECONDS_" --warmup 5 --users 500 --userFormat u%03d --connections "$CONNECTIONS" \
    --path "/recommendations?k=10&explain=llm&variant=$VARIANT" --pid $PID
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
  wait $HICCUPS || true
  cat "$WORK/hiccups-$VARIANT.txt"
  # The server's own view (handler start to list served: guard queue, chain, LLM stages; not Jetty's queue nor
  # the network), over the last minute, and the GC pauses so far.
  curl -s "http://127.0.0.1:$PORT/metrics" | grep -E "^braid_variant_latency_seconds(\{|_max).*variant=\"$VARIANT\"" || true
  awk '/Pause/ { sub(/ms$/, "", $NF); n++; t += $NF; if ($NF > m) m = $NF } END { printf "GC pauses so far: %d, %.0f ms in all, longest %.1f ms\n", n, t, m }' "$WORK/gc.log"
done
curl -s "http://127.0.0.1:$PORT/metrics" | grep -E "^braid_plugin_llm_(requests|retries|successes|fallbacks|cache_hits|failures|latency|late)" \
  | grep -v ' 0.0$' || true
echo "log lines with the API key: $(grep -c "$BRAID_BENCH_LLM_KEY" "$WORK/serve.log" || true)"
kill $STUB; wait $STUB 2>/dev/null || true
grep "stub calls" "$WORK/stub.log" || true
