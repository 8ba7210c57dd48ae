#!/usr/bin/env bash
# The regression gate's evidence, rerunnable from a clone: smoke runs gated against a baseline,
# with the real code or with strategies made deliberately slower (test-only classes, substituted
# through the strategy registry's fanout.strategy.<name> properties).
#
#   scripts/gate-evidence.sh unchanged  [RUNS]            the real code: every run should PASS
#   scripts/gate-evidence.sh shared     [RUNS] [PERCENT]  every strategy slower per task: should FAIL
#   scripts/gate-evidence.sh semaphore  [RUNS] [PERCENT]  the semaphore strategy alone slower: should FAIL
#   scripts/gate-evidence.sh item-cost  [RUNS] [MICROS]   every strategy spending MICROS us of CPU on the caller's
#                                                         thread per delivered outcome: should FAIL
#   scripts/gate-evidence.sh busy       [RUNS]            the real code beside a process spinning on one core:
#                                                         the gate's machine line should say BUSY
#
# RUNS defaults to 5, PERCENT to 20 (shared) or 25 (semaphore), MICROS to 4. The baseline is
# baselines/smoke.json unless BASELINE=... is set; results go to ${OUT:-/tmp/gate-evidence}.
# Prints one line per run (the gate's verdict line and its exit code) and a tally at the end.
# Each run is a smoke profile, about two minutes on 2 cores. Run nothing else meanwhile, or hold the
# benchmark lock for each case: flock /tmp/fanout-bench.lock scripts/gate-evidence.sh unchanged 5
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
kind=${1:-}
runs=${2:-5}
case "$kind" in
  unchanged|busy) percent=0 ;;
  shared) percent=${3:-20} ;;
  semaphore) percent=${3:-25} ;;
  item-cost) percent=0; micros=${3:-4} ;;
  *) echo "usage: scripts/gate-evidence.sh unchanged|shared|semaphore|busy|item-cost [RUNS] [PERCENT|MICROS]" >&2; exit 2 ;;
esac
micros=${micros:-0}
if ! [[ "$runs" =~ ^[1-9][0-9]*$ ]]; then
  echo "gate-evidence: RUNS must be a positive whole number, was '$runs'" >&2; exit 2
fi
if ! [[ "$percent" =~ ^[0-9]+([.][0-9]+)?$ ]]; then
  echo "gate-evidence: PERCENT must be a number such as 15, was '$percent'" >&2; exit 2
fi
if ! [[ "$micros" =~ ^[0-9]+([.][0-9]+)?$ ]]; then
  echo "gate-evidence: MICROS must be a number of microseconds such as 4, was '$micros'" >&2; exit 2
fi
baseline=${BASELINE:-$here/baselines/smoke.json}
[ -e "$baseline" ] || { echo "gate-evidence: no baseline at $baseline (set BASELINE=...)" >&2; exit 2; }
if [ "$kind" = item-cost ]; then
  out=${OUT:-/tmp/gate-evidence}/$kind-${micros}us
else
  out=${OUT:-/tmp/gate-evidence}/$kind-$percent
fi
mkdir -p "$out"

# the slowed strategies are test classes: build them (tests not run)
"$here/fanout" test -q -DskipTests >/dev/null
classes="$here/benchmarks/target/test-classes"
gate_pkg=dev.fanout.benchmarks.gate
props=()
case "$kind" in
  shared|item-cost)
    # the strategies: ./fanout list's first block, up to its first blank line
    for name in $("$here/fanout" list | sed '/^$/q' | awk 'NF {print $1}'); do
      class=$(echo "$name" | sed -E 's/(^|-)([a-z])/\U\2/g')   # all-at-once -> AllAtOnce
      props+=("-Dfanout.strategy.$name=$gate_pkg.SlowedStrategy\$$class")
    done ;;
  semaphore) props+=("-Dfanout.strategy.semaphore=$gate_pkg.SlowedSemaphoreStrategy") ;;
esac

neighbour=""
stop_neighbour() { [ -n "$neighbour" ] && kill "$neighbour" 2>/dev/null; neighbour=""; }
trap stop_neighbour EXIT

failed=0
for i in $(seq 1 "$runs"); do
  if [ "$kind" = busy ]; then
    sh -c 'while :; do :; done' &   # a neighbour that takes one core for the whole run
    neighbour=$!
  fi
  # another JMH on the machine (a test suite's, say) holds JMH's own lock: wait for it, then run again
  for attempt in 1 2 3 4 5 6 7 8 9 10; do
    code=0
    FANOUT_EXTRA_CLASSPATH="$classes" FANOUT_JVM_ARGS="${props[*]:-}" FANOUT_TEST_SLOWDOWN="$percent" FANOUT_TEST_ITEM_COST_US="$micros" \
      "$here/fanout" bench --profile smoke --no-report --out "$out/run$i" >"$out.run$i.log" 2>&1 || code=$?
    [ "$code" -ne 0 ] && grep -q 'Unable to acquire the JMH lock' "$out.run$i.log" || break
    echo "run $i: another JMH holds /tmp/jmh.lock; trying again in 30 s" >&2
    sleep 30
  done
  [ "$code" -eq 0 ] || { echo "run $i: bench failed; see $out.run$i.log" >&2; exit 1; }
  stop_neighbour
  code=0
  "$here/fanout" gate --baseline "$baseline" --current "$out/run$i/latest" --markdown "$out/run$i/gate.md" \
    >"$out.gate$i.log" 2>&1 || code=$?
  verdict=$(head -1 "$out.gate$i.log")
  [ "$code" -eq 1 ] && failed=$((failed + 1))
  machine=$(grep '^machine: ' "$out.gate$i.log" | sed -E 's/^machine: .*, current run ([^:]*): (quiet|BUSY).*/\1, \2/')
  echo "run $i: exit $code  $verdict  [machine: $machine]"
done
if [ "$kind" = item-cost ]; then
  echo "$kind ${micros} us: $failed of $runs runs failed the gate"
else
  echo "$kind ${percent}%: $failed of $runs runs failed the gate"
fi
