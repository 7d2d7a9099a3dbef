#!/bin/sh
# braid serve with a generator that hangs on every request, under 1,000 concurrent requests (docs/serving.md,
# "Threads"): the server's thread count stays bounded, every request gets an answer, and the server still serves.
#
#   distribution/bench/threads/hang-threads.sh [WORK_DIR] [REQUESTS]       (defaults: /tmp/braid-hang-threads 1000)
#
# Builds a Braid home in WORK_DIR that shares the built distribution's lib/ and bundles/ and has the test bundle
# distribution/test-bundles/misbehaving in plugins/ (generator 'hang' with after: 1 passes the build's trial query,
# then never returns from score and ignores interrupts). Variant 'hang' = popularity + hang; variant 'plain' =
# popularity alone. Needs: mvn -o -pl distribution -am -DskipTests package. Loopback only.
set -e
BENCH=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
. "$BENCH/../background.sh"
REPO=$(dirname "$(dirname "$(dirname "$BENCH")")")
DIST=${DIST:-$REPO/distribution/target/braid}
WORK=${1:-/tmp/braid-hang-threads}
REQUESTS=${2:-1000}
PORT=${PORT:-18099}
JAR=$(ls "$REPO"/distribution/test-bundles/misbehaving/target/braid-test-misbehaving-*.jar | head -1)
rm -rf "$WORK/home"
mkdir -p "$WORK/home/bin" "$WORK/home/plugins" "$WORK/home/conf"
cp "$DIST/bin/braid" "$WORK/home/bin/"
ln -s "$DIST/lib" "$WORK/home/lib"
ln -s "$DIST/bundles" "$WORK/home/bundles"
cp "$JAR" "$WORK/home/plugins/misbehaving.jar"
cat > "$WORK/home/conf/serve.yaml" <<YAML
name: hang-threads
dataset: {type: demo, items: 300, users: 200}
encoders: {text: {name: tfidf, dimension: 256}}
generators: [popularity, {name: hang, in: score, after: 1}]
variants:
  - {name: hang}
  - {name: plain, generators: [popularity]}
serve:
  variants: {hang: 0.5, plain: 0.5}
YAML
export BRAID_CACHE_DIR="$WORK/cache"
# A hung call is answered after 2 s (the default is 30 s); the guard and Jetty pools keep their defaults.
export BRAID_JAVA_OPTS="${BRAID_JAVA_OPTS:--Xms256m -Xmx512m -Dbraid.timeout.call=2s}"
"$WORK/home/bin/braid" serve --config "$WORK/home/conf/serve.yaml" --port "$PORT" > "$WORK/serve.log" 2>&1 &
PID=$!
stop_on_exit $PID
until curl -sf "http://127.0.0.1:$PORT/health" > /dev/null; do
  kill -0 $PID 2>/dev/null || { echo "server exited:"; tail -20 "$WORK/serve.log"; exit 1; }
  sleep 1
done
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores)"
echo "threads at rest by name (jcmd Thread.print):"
jcmd $PID Thread.print 2>/dev/null | grep '^"' | sed -E 's/^"([^"]*)".*/\1/; s/[-#]?[0-9]+$//; s/-[0-9]+-/-N-/' \
  | sort | uniq -c | sort -rn
java "$BENCH/HangBurst.java" --url "http://127.0.0.1:$PORT" --pid $PID --requests "$REQUESTS" \
  --path "/recommendations?k=10&variant=hang&user=u001" --after "/recommendations?k=10&variant=plain&user=u001"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
curl -s "http://127.0.0.1:$PORT/metrics" | grep -E "^jvm_threads_(live|peak)_threads" || true
echo "threads after the burst by name:"
jcmd $PID Thread.print 2>/dev/null | grep '^"' | sed -E 's/^"([^"]*)".*/\1/; s/[-#]?[0-9]+$//; s/-[0-9]+-/-N-/' \
  | sort | uniq -c | sort -rn | head -12
