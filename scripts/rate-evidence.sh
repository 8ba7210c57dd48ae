#!/usr/bin/env bash
# The requests-per-second limit's evidence, rerunnable from a clone: every strategy against a local
# server that answers 429 beyond its quota (--server-rate), with the client's --rate set to the same
# quota, then without it (semaphore, and adaptive, which limits concurrency, not rate), then Guava's
# RateLimiter (the yardstick peer) in the same shape. One line per run: the pace kept and the share
# of 429s by the server's own count.
#
#   scripts/rate-evidence.sh [RATE] [ITEMS] [WIDTH] [LATENCY]    defaults: 100 1000 16 fixed:5ms
#
# At the defaults each run takes about 10 s plus its warm-up (about 3 minutes in all). For numbers
# you quote, hold the benchmark lock and run nothing else: flock /tmp/fanout-bench.lock scripts/rate-evidence.sh
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
rate=${1:-100}
items=${2:-1000}
width=${3:-16}
latency=${4:-fixed:5ms}
for n in "$rate" "$items" "$width"; do
  [[ "$n" =~ ^[0-9]+([.][0-9]+)?$ ]] || { echo "rate-evidence: RATE, ITEMS and WIDTH must be numbers, got '$n'" >&2; exit 2; }
done
common=(--width "$width" --items "$items" --latency "$latency" --warmup 2000 --server-rate "$rate/s")

line() { # the run's rate line, prefixed by what was run
  printf '%-34s %s\n' "$1" "$(grep '^rate ' | sed 's/^rate *//')"
}

for s in sequential semaphore worker-pool structured async chunked adaptive hedged all-at-once; do
  "$here/fanout" run --strategy "$s" "${common[@]}" --rate "$rate/s" 2>/dev/null | line "$s --rate $rate/s"
done
"$here/fanout" run --strategy semaphore "${common[@]}" 2>/dev/null | line "semaphore, no --rate"
"$here/fanout" run --strategy adaptive "${common[@]}" 2>/dev/null | line "adaptive, no --rate"
"${JAVA_HOME:?rate-evidence: set JAVA_HOME to a JDK 25 for the peer}/bin/java" --enable-preview -cp "$here/benchmarks/target/benchmarks.jar" dev.fanout.benchmarks.peers.GuavaRateLimiterPeer \
  "$rate" "$width" "$items" "$rate/s" "$latency" | line "guava RateLimiter $rate/s (peer)"
