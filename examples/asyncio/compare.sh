#!/usr/bin/env bash
# compare.sh: each Python asyncio idiom of this folder next to its Java strategy, against the same
# server (./fanout serve), with the same items, width and latency; one Markdown table.
#
#   examples/asyncio/compare.sh                      the articles' three cases (about ten minutes
#                                                    on 2 cores, over three of them the await loops of 100 x 1 s)
#   examples/asyncio/compare.sh 256 20ms 16          one case: ITEMS LATENCY WIDTH (more triples: more cases)
#   examples/asyncio/compare.sh --client jdk ...     the Java side's HTTP client (default okhttp)
#   examples/asyncio/compare.sh --only gather_semaphore,as_completed ...
#   examples/asyncio/compare.sh --warmup 0 ...       Java's warm-up requests (default 10000, sent to an
#                                                    in-process server, never to the one compared): 0 = a cold JVM
#
# For each idiom: POST /stats/reset, run the Python script, POST /stats/reset again (its answer is what
# the server saw of that run alone), then the same for `./fanout run --target`. Makespans are each
# side's own measure of its fan-out (process start-up, and Java's warm-up against an in-process
# server, are outside it). Efficiency is computed the same way for both, from what the server really
# slept for that run: ideal = max(longest sleep, sum of sleeps / w, ceil(N / w) x shortest sleep), with
# w the idiom's own bound (1 for the await loop, N for create_task and gather), over the makespan.
# The peak is the server's own count of requests in flight at once.
#
# Needs a python3 that can import aiohttp (Debian: apt-get install python3-aiohttp); $PYTHON is tried
# first, then python3, then /usr/bin/python3.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"

# idiom script | Java strategy | extra run options
pairs=(
  "await_loop|sequential|"
  "create_task|all-at-once|"
  "gather|all-at-once|--order input"
  "gather_semaphore|semaphore|--order input"
  "worker_pool|worker-pool|"
  "taskgroup_timeout|structured|--timeout 10s"
  "as_completed|async|"
)

client=okhttp
only=""
warmup=10000
cases=()
while [ $# -gt 0 ]; do
  case "$1" in
    --client) client="$2"; shift 2 ;;
    --only) only=",$2,"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print } /^set /{ exit }' "$0"; exit 0 ;;
    *)
      if [ $# -lt 3 ]; then
        echo "compare.sh: a case is three arguments, ITEMS LATENCY WIDTH (e.g. 256 20ms 16); got: $*" >&2
        exit 2
      fi
      cases+=("$1 $2 $3"); shift 3 ;;
  esac
done
[ ${#cases[@]} -gt 0 ] || cases=("20 500ms 5" "100 1s 10" "256 20ms 16")

python=""
for candidate in "${PYTHON:-}" python3 /usr/bin/python3; do
  [ -n "$candidate" ] || continue
  if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c 'import aiohttp' 2>/dev/null; then
    python="$candidate"
    break
  fi
done
if [ -z "$python" ]; then
  echo "compare.sh: no python3 here can import aiohttp (tried \$PYTHON, python3, /usr/bin/python3)." >&2
  echo "Install it: sudo apt-get install python3-aiohttp   or: python3 -m pip install aiohttp" >&2
  exit 1
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/fanout-compare.XXXXXX")"
server_pid=""
alive() { local state; state=$(ps -o stat= -p "$1" 2>/dev/null) && [[ "$state" != Z* ]]; }
stop_server() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -INT "$server_pid" 2>/dev/null || true   # Ctrl-C, as a user stops it
    # Under nohup or a background job started without job control SIGINT arrives ignored, and a JVM
    # keeps it ignored: Ctrl-C cannot stop the server then, SIGTERM can.
    for _ in $(seq 50); do alive "$server_pid" || break; sleep 0.1; done
    alive "$server_pid" && kill -TERM "$server_pid" 2>/dev/null
    wait "$server_pid" 2>/dev/null || true
  fi
  server_pid=""
}
trap 'stop_server; rm -rf "$work"' EXIT

# Prints FIELD of the JSON on stdin ("a.b" for nested), or "" when absent.
json_field() {
  "$python" -c 'import json, sys
doc = json.load(sys.stdin)
for key in sys.argv[1].split("."):
    doc = doc.get(key) if isinstance(doc, dict) else None
print("" if doc is None else doc)' "$1"
}

# Prints the efficiency of a run: the ideal from the server's record of it (JSON on stdin), over MAKESPAN_MS.
efficiency() {
  "$python" -c 'import json, math, sys
stats = json.load(sys.stdin)
items, bound, makespan = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
slept = stats["sleptMs"]
if slept["count"] == 0 or makespan <= 0:
    print("n/a")
else:
    w = max(1, min(bound, items))
    ideal = max(slept["max"], slept["total"] / w, math.ceil(items / w) * slept["min"])
    print(f"{ideal / makespan:.2f}")' "$1" "$2" "$3"
}

rows="$work/rows"
: > "$rows"
for case in "${cases[@]}"; do
  read -r items latency width <<< "$case"
  echo "case: $items items x $latency at width $width" >&2
  out="$work/serve.out"
  : > "$out"
  (cd "$root" && exec ./fanout serve --latency "fixed:$latency" --port 0 > "$out" 2>> "$work/serve.log") &
  server_pid=$!
  for _ in $(seq 3000); do   # the first call may build the project: up to ten minutes
    grep -q '^serving ' "$out" && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/serve.log" >&2; echo "compare.sh: fanout serve failed" >&2; exit 1; }
    sleep 0.2
  done
  read -r _ base _ item_url < <(grep '^serving ' "$out")
  reset() { "$python" -c 'import sys, urllib.request
print(urllib.request.urlopen(urllib.request.Request(sys.argv[1] + "/stats/reset", method="POST")).read().decode())' "$base"; }

  for pair in "${pairs[@]}"; do
    IFS='|' read -r idiom strategy options <<< "$pair"
    [ -z "$only" ] || [[ "$only" == *",$idiom,"* ]] || continue
    case "$idiom" in
      await_loop) bound=1 ;;
      create_task|gather) bound=$items ;;
      *) bound=$width ;;
    esac
    echo "  $idiom (Python) ..." >&2
    reset > /dev/null
    py_line=$("$python" "$here/$idiom.py" "$item_url" "$items" "$width") || true
    py_stats=$(reset)
    py_ms=$(sed -n 's/.*makespan_ms=\([0-9.]*\).*/\1/p' <<< "$py_line")
    py_ok=$(sed -n 's/.* ok=\([0-9]*\).*/\1/p' <<< "$py_line")

    echo "  $strategy (Java, $client) ..." >&2
    json="$work/run.json"
    rm -f "$json"
    reset > /dev/null
    # shellcheck disable=SC2086 # options are words on purpose
    (cd "$root" && ./fanout run --target "$item_url" --strategy "$strategy" --width "$width" --items "$items" \
        --client "$client" --warmup "$warmup" $options --json "$json" > "$work/run.out" 2>> "$work/run.log") || true
    java_stats=$(reset)
    java_ms=$(json_field makespanMs < "$json" 2>/dev/null || echo "")
    java_ok=$(json_field outcomes.success < "$json" 2>/dev/null || echo "")

    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$items x $latency, width $width" "$idiom" "$strategy" \
      "${py_ms:-failed}" "$(efficiency "$items" "$bound" "${py_ms:-0}" <<< "$py_stats")" \
      "$(json_field maxInFlight <<< "$py_stats")" \
      "${java_ms:-failed}" "$(efficiency "$items" "$bound" "${java_ms:-0}" <<< "$java_stats")" \
      "$(json_field maxInFlight <<< "$java_stats")" "${py_ok:-0}" "${java_ok:-0}" >> "$rows"
  done
  stop_server
done

"$python" - "$rows" "$client" <<'EOF'
import sys
rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1]) if line.strip()]
client = sys.argv[2]
print(f"| case | asyncio idiom | Java strategy ({client}) | Python ms | eff. | peak | Java ms | eff. | peak |")
print("|---|---|---|---:|---:|---:|---:|---:|---:|")
def ms(text):
    try:
        return f"{float(text):,.1f}"
    except ValueError:
        return text
short_items = []
for case, idiom, strategy, py_ms, py_eff, py_peak, java_ms, java_eff, java_peak, py_ok, java_ok in rows:
    print(f"| {case} | `{idiom}` | `{strategy}` | {ms(py_ms)} | {py_eff} | {py_peak} | {ms(java_ms)} | {java_eff} | {java_peak} |")
    items = int(case.split()[0])
    if int(py_ok or 0) < items or int(java_ok or 0) < items:
        short_items.append(f"{case}, {idiom}: Python {py_ok or 0} ok, Java {java_ok or 0} ok of {items}")
if short_items:
    print()
    print("Not every item succeeded (compare with care): " + "; ".join(short_items))
EOF
