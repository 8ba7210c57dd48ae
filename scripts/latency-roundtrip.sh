#!/usr/bin/env bash
# Record a service's latency and replay it, rerunnable from a clone: a service with a known shape
# (./fanout serve --latency lognormal:20ms,p99=200ms) measured through run --target and saved with
# --save-latency, then the local server replaying that recording (--latency hdr:FILE) under the
# same run. Prints both runs' service percentiles side by side and how far apart they are.
#
#   scripts/latency-roundtrip.sh [ITEMS] [WIDTH] [SHAPE]   defaults: 5000 32 lognormal:20ms,p99=200ms
#
# About a minute at the defaults. For numbers you quote, hold the benchmark lock and run nothing
# else: flock /tmp/fanout-bench.lock scripts/latency-roundtrip.sh
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
items=${1:-5000}
width=${2:-32}
shape=${3:-lognormal:20ms,p99=200ms}
out=${OUT:-/tmp/latency-roundtrip}
mkdir -p "$out"
log="$out/service.hlog"
rm -f "$log"

"$here/fanout" serve --latency "$shape" --port 0 --duration 600s > "$out/serve.txt" 2>&1 &
serve=$!
trap 'kill -TERM $serve 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  url=$(sed -n 's/^serving .* items \(http[^ ]*\)$/\1/p' "$out/serve.txt")
  [ -n "$url" ] && break
  sleep 0.5
done
[ -n "$url" ] || { echo "latency-roundtrip: the server did not start; see $out/serve.txt" >&2; exit 1; }

"$here/fanout" run --target "$url" --width "$width" --items "$items" --save-latency "$log" > "$out/recorded.txt" 2>/dev/null
kill -TERM $serve 2>/dev/null || true
"$here/fanout" run --width "$width" --items "$items" --latency "hdr:$log" > "$out/replayed.txt" 2>/dev/null

percentiles() { sed -n 's/^service *p50 \([0-9.]*\) *p90 \([0-9.]*\) *p99 \([0-9.]*\) *p99.9 \([0-9.]*\) *max \([0-9.]*\) ms$/\1 \2 \3 \4 \5/p' "$1"; }
read -r -a a <<< "$(percentiles "$out/recorded.txt")"
read -r -a b <<< "$(percentiles "$out/replayed.txt")"
echo "service latency, ms ($items requests at width $width; recorded from serve --latency $shape)"
printf '| %-44s | %8s | %8s | %8s | %8s | %8s |\n' "run" p50 p90 p99 p99.9 max
printf '| %-44s | %8s | %8s | %8s | %8s | %8s |\n' "--target (the service), --save-latency" "${a[@]}"
printf '| %-44s | %8s | %8s | %8s | %8s | %8s |\n' "local server, --latency hdr:FILE" "${b[@]}"
row="| replayed / recorded                          |"
for i in 0 1 2 3 4; do
  row+=$(awk -v x="${a[$i]}" -v y="${b[$i]}" 'BEGIN { printf " %+7.1f%% |", (y / x - 1) * 100 }')
done
echo "$row"
