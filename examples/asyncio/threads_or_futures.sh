#!/usr/bin/env bash
# threads_or_futures.sh: what one call in flight costs as a virtual thread (the semaphore strategy),
# as a future on a non-blocking client (async, on Jetty), and as an asyncio task (tasks_in_flight.py,
# one event loop): heap bytes, threads alive, CPU time per call and p99 sojourn; one Markdown table.
#
#   examples/asyncio/threads_or_futures.sh                 sim at widths 1024 4096 10000, http at 256
#   examples/asyncio/threads_or_futures.sh sim:4096 http:256    only these cases (WORKLOAD:WIDTH)
#
# Each case runs every side three times: once reading the heap and the threads over one wave of width
# calls of 1 s each (Java: ./fanout run --footprint --latency fixed:1s, a full GC before the fan-out and
# one when the width is first in flight; Python: tracemalloc, after gc.collect()), because that reading
# disturbs the run it is taken in and because 20 ms calls end before a wide fan-out has started them all
# (semaphore at 4,096 never had its width in flight at once here; Python's http server for it is a
# ./fanout serve at fixed:1s); then
# at 4 x width and 16 x width items for CPU, whose difference over 12 x width calls is the marginal CPU
# per call (what a run pays once, the JVM's JIT above all, drops out), and the p99 sojourn of the
# longer one. Every call waits 20 ms: a parked call / asyncio.sleep on sim, the server's delay on http.
# Threads: Java's thread census (JFR thread events, virtual threads included; the server's left out);
# Python's threading.active_count() when the width is first in flight.
# CPU on http: Java's process holds the latency server too; Python's server is ./fanout serve in another
# JVM, so its CPU (read from /proc) is added to Python's: both columns are client + server.
#
# Needs a python3 that can import aiohttp for the http cases ($PYTHON, python3, /usr/bin/python3).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
[ $# -gt 0 ] && cases=("$@") || cases=(sim:1024 sim:4096 sim:10000 http:256)
for c in "${cases[@]}"; do
  [[ "$c" =~ ^(sim|http):[0-9]+$ ]] || { echo "threads_or_futures.sh: a case is sim:WIDTH or http:WIDTH, was '$c'" >&2; exit 2; }
done

python=""
for candidate in "${PYTHON:-}" python3 /usr/bin/python3; do
  [ -n "$candidate" ] || continue
  if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c 'import aiohttp' 2>/dev/null; then
    python="$candidate"; break
  fi
done
[ -n "$python" ] || python=python3   # sim needs no aiohttp; an http case then says what is missing

work="$(mktemp -d "${TMPDIR:-/tmp}/fanout-tof.XXXXXX")"
server_pid=""
stop_server() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  server_pid=""
}
trap 'stop_server; rm -rf "$work"' EXIT

# FIELD of the JSON file ("a.b" for nested)
field() {
  "$python" -c 'import json, sys
doc = json.load(open(sys.argv[1]))
for key in sys.argv[2].split("."):
    doc = doc.get(key) if isinstance(doc, dict) else None
print("" if doc is None else doc)' "$1" "$2"
}
# KEY=value of a tasks_in_flight.py line
py_field() { tr ' ' '\n' <<< "$1" | sed -n "s/^$2=//p"; }
# CPU seconds a process has used (utime + stime, from /proc)
cpu_of() { awk -v hz="$(getconf CLK_TCK)" '{ print ($14 + $15) / hz }' "/proc/$1/stat"; }

# Marginal CPU per call, in us: (CPU of the big run - CPU of the small one) / (its extra items), so that
# what a run pays once (a JVM's JIT compiling the code, pools starting) is not spread over its calls.
marginal() { awk -v small="$1" -v big="$2" -v n="$3" 'BEGIN { printf "%.1f", (big - small) * 1e6 / n }'; }

java_run() {   # STRATEGY WORKLOAD WIDTH ITEMS LATENCY NAME [OPTION...]
  local strategy=$1 workload=$2 width=$3 items=$4 latency=$5 name=$6
  shift 6
  (cd "$root" && ./fanout run --strategy "$strategy" --workload "$workload" --width "$width" --items "$items" \
      --latency "$latency" --json "$work/$name.json" "$@" > "$work/$name.txt" 2> "$work/$name.err") \
      || { cat "$work/$name.err" >&2; exit 1; }
}
java_cpu_seconds() { sed -n 's/^cpu .*(\([0-9,]*\) ms over.*/\1/p' "$work/$1.txt" | tr -d , | awk '{ print $1 / 1000 }'; }

java_side() {   # STRATEGY WORKLOAD WIDTH: heap and threads (--footprint), then CPU and p99 at 4 and 16 x width
  local strategy=$1 workload=$2 width=$3 name="$1-$2-$3"
  java_run "$strategy" "$workload" "$width" "$width" fixed:1s "$name.heap" --footprint
  java_run "$strategy" "$workload" "$width" $((4 * width)) fixed:20ms "$name.small"
  java_run "$strategy" "$workload" "$width" $((16 * width)) fixed:20ms "$name.big"
  echo "$(field "$work/$name.heap.json" heapPerCallInFlightBytes)|$(field "$work/$name.heap.json" clientThreads.peak)|$(marginal \
      "$(java_cpu_seconds "$name.small")" "$(java_cpu_seconds "$name.big")" $((12 * width)))|$(field "$work/$name.big.json" \
      sojournLatencyMs.p99)|$(field "$work/$name.big.json" outcomes.success)|$(field "$work/$name.big.json" client)"
}

serve_cpu() { if [ -n "$server_pid" ]; then cpu_of "$(pgrep -P "$server_pid" java || echo "$server_pid")"; else echo 0; fi; }

python_run() {   # TARGET ITEMS WIDTH: the line, and the CPU seconds of the script plus the server's, after "|"
  local before line after
  before=$(serve_cpu)
  line=$("$python" "$here/tasks_in_flight.py" "$1" "$2" "$3" --no-tracemalloc)
  after=$(serve_cpu)
  echo "$line|$(awk -v us="$(py_field "$line" cpu_us_per_call)" -v n="$2" -v a="$before" -v b="$after" 'BEGIN { print us * n / 1e6 + b - a }')"
}

serve() {   # LATENCY: starts ./fanout serve, sets server_pid and target (its item URL)
  local served="$work/serve.out"
  : > "$served"
  (cd "$root" && exec ./fanout serve --latency "$1" --port 0 > "$served" 2> "$work/serve.log") &
  server_pid=$!
  for _ in $(seq 3000); do
    grep -q '^serving ' "$served" && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/serve.log" >&2; exit 1; }
    sleep 0.2
  done
  read -r _ _ _ target < <(grep '^serving ' "$served")
}

python_side() {   # WORKLOAD WIDTH
  local workload=$1 width=$2 target=sim heap_line small big
  if [ "$workload" = http ]; then
    serve fixed:1s
    heap_line=$("$python" "$here/tasks_in_flight.py" "$target" "$width" "$width")
    stop_server
    serve fixed:20ms
    "$python" "$here/tasks_in_flight.py" "$target" 10000 64 --no-tracemalloc > /dev/null   # warms the server's JIT
  else
    heap_line=$("$python" "$here/tasks_in_flight.py" sim "$width" "$width" --latency-ms 1000)
  fi
  small=$(python_run "$target" $((4 * width)) "$width")
  big=$(python_run "$target" $((16 * width)) "$width")
  stop_server
  echo "$(py_field "$heap_line" heap_per_task_bytes)|$(py_field "$heap_line" threads)|$(marginal "${small##*|}" "${big##*|}" \
      $((12 * width)))|$(py_field "${big%|*}" sojourn_p99_ms)|$(py_field "${big%|*}" ok)|asyncio"
}

echo "| workload | width | items | measure | virtual thread (semaphore) | future (async) | asyncio task |"
echo "|---|---:|---:|---|---:|---:|---:|"
for c in "${cases[@]}"; do
  workload=${c%%:*}; width=${c##*:}
  items=$((16 * width))
  echo "case $c ..." >&2
  IFS='|' read -r vh vt vc vp vok vcl <<< "$(java_side semaphore "$workload" "$width")"
  IFS='|' read -r fh ft fc fp fok fcl <<< "$(java_side async "$workload" "$width")"
  IFS='|' read -r ph pt pc pp pok _ <<< "$(python_side "$workload" "$width")"
  where="$workload"
  [ "$workload" = http ] && where="http ($vcl / $fcl / aiohttp)"
  echo "| $where | $width | $items | heap bytes per call in flight | $vh | $fh | $ph |"
  echo "| | | | threads alive (peak) | $vt | $ft | $pt |"
  echo "| | | | CPU us per call (marginal) | $vc | $fc | $pc |"
  echo "| | | | p99 sojourn ms | $vp | $fp | $pp |"
  echo "| | | | items answered | $vok | $fok | $pok |"
done
