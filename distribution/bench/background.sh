# Sourced by the bench scripts: processes they start in the background (the server, the stub).
#
# await_line LOG PATTERN PID NAME [TAIL]
#   Polls LOG once a second until it holds PATTERN. If process PID exits first, prints "NAME exited:" with the
#   last TAIL lines of LOG (default 20) and exits the calling script with status 1.
await_line() {
  local log=$1 pattern=$2 pid=$3 name=$4 tail_lines=${5:-20}
  until grep -q "$pattern" "$log"; do
    kill -0 "$pid" 2>/dev/null || { echo "$name exited:"; tail -"$tail_lines" "$log"; exit 1; }
    sleep 1
  done
}

# stop_on_exit PID...
#   Stops and reaps the processes when the script exits. The script keeps its own exit status: the status of a
#   process killed here (143) is not the script's, also under `set -e`.
stop_on_exit() {
  BACKGROUND_PIDS="$*"
  trap 'for p in $BACKGROUND_PIDS; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done' EXIT
}
