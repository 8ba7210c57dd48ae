#!/usr/bin/env python3
"""What one call in flight costs an asyncio program: heap per task, threads, CPU per call, p99 sojourn.

The idea: the same bounded fan-out as the Java `async` strategy, on one event loop. A task is
created only once one of `width` slots is free, so exactly the calls in flight exist at any time
(no O(N) tasks waiting, as gather_semaphore.py has). Memory per task is read with tracemalloc: the
traced heap when `width` calls are first in flight, minus the traced heap before the fan-out, over
the calls in flight (each reading after gc.collect(), as the Java side reads after a full GC).
The trap: tracemalloc slows every allocation, so the run that measures memory is not the run to
time; --no-tracemalloc times it without.

Usage:
  python3 tasks_in_flight.py sim ITEMS WIDTH [--latency-ms 20]     no sockets: each call is asyncio.sleep
  python3 tasks_in_flight.py ITEM_URL ITEMS WIDTH                  GET each item (needs aiohttp):
                                                                   ./fanout serve --latency fixed:20ms prints a URL

It prints one line, key=value fields split by one space (times in milliseconds):
  idiom=tasks-in-flight workload=<sim|http> items=<N> width=<W> makespan_ms=<float> items_per_s=<float>
  ok=<n> failed=<n> in_flight_peak=<n> heap_per_task_bytes=<float|-> threads=<n> cpu_us_per_call=<float>
  sojourn_p99_ms=<float>

Exit status: 0 when every item succeeded, 1 when one failed (or aiohttp is missing for http), 2 on
bad arguments. Java: ./fanout run --strategy async --footprint (and --workload sim for the first form).
"""

import argparse
import asyncio
import gc
import sys
import threading
import time
import tracemalloc

PLACEHOLDER = "{n}"


def arguments():
    parser = argparse.ArgumentParser(prog="tasks_in_flight.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("target", metavar="sim|ITEM_URL", help="sim, or e.g. http://127.0.0.1:8080/item/{n}")
    parser.add_argument("items", metavar="ITEMS", type=int)
    parser.add_argument("width", metavar="WIDTH", type=int)
    parser.add_argument("--latency-ms", type=float, default=20.0, help="sim only: each call's sleep; default 20")
    parser.add_argument("--no-tracemalloc", action="store_true", help="time the run without measuring memory")
    args = parser.parse_args()
    if args.target != "sim" and (PLACEHOLDER not in args.target or not args.target.startswith(("http://", "https://"))):
        parser.error(f"ITEM_URL must be sim or an http(s) URL with {PLACEHOLDER} in it, was {args.target!r}")
    if args.items < 0:
        parser.error(f"ITEMS must be at least 0, was {args.items}")
    if args.width < 1:
        parser.error(f"WIDTH must be at least 1, was {args.width}")
    if args.latency_ms < 0:
        parser.error(f"--latency-ms must be at least 0, was {args.latency_ms}")
    return args


class Footprint:
    """tracemalloc's heap when the fan-out first has `target` calls in flight, per call."""

    def __init__(self, target, enabled):
        self.target = target
        self.enabled = enabled
        self.per_task = None
        self.threads = threading.active_count()
        if enabled:
            gc.collect()
            self.before = tracemalloc.get_traced_memory()[0]

    def in_flight(self, now):
        if self.per_task is None and now >= self.target:
            self.threads = max(self.threads, threading.active_count())
            if self.enabled:
                gc.collect()
                self.per_task = (tracemalloc.get_traced_memory()[0] - self.before) / now
            else:
                self.per_task = float("nan")


async def fan_out(call, items, width, footprint):
    """At most `width` tasks alive; each item's sojourn (fan-out start to its end) in seconds."""
    slots = asyncio.Semaphore(width)
    sojourns = []
    failures = []
    in_flight = 0
    peak = 0
    start = time.perf_counter()

    def done(task):
        nonlocal in_flight
        in_flight -= 1
        sojourns.append(time.perf_counter() - start)
        if task.cancelled() or task.exception() is not None:
            failures.append(task)
        slots.release()

    pending = set()
    for n in range(items):
        await slots.acquire()  # the event loop waits for a completion to hand a slot back
        task = asyncio.create_task(call(n))
        pending.add(task)
        task.add_done_callback(pending.discard)
        task.add_done_callback(done)
        in_flight += 1
        peak = max(peak, in_flight)
        footprint.in_flight(in_flight)
    if pending:
        await asyncio.wait(pending)
    return time.perf_counter() - start, sojourns, len(failures), peak


async def run(args):
    footprint = Footprint(min(args.items, args.width), not args.no_tracemalloc)
    if args.target == "sim":
        delay = args.latency_ms / 1000

        async def call(n):
            await asyncio.sleep(delay)
            return 200

        return await measured(call, args, footprint)
    try:
        import aiohttp
    except ImportError:
        sys.exit("the http form needs aiohttp, which " + sys.executable + " cannot import: python3 -m pip install aiohttp")
    # no connection limit (its default of 100 would be a bound of its own); one session, kept-alive connections
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0)) as session:
        async def call(n):
            async with session.get(args.target.replace(PLACEHOLDER, str(n))) as response:
                await response.read()
                if not 200 <= response.status <= 299:
                    raise RuntimeError(f"HTTP {response.status} from item {n}")
                return response.status

        return await measured(call, args, footprint)


async def measured(call, args, footprint):
    cpu = time.process_time()
    makespan, sojourns, failed, peak = await fan_out(call, args.items, args.width, footprint)
    cpu = time.process_time() - cpu
    return makespan, sojourns, failed, peak, cpu, footprint


def main():
    args = arguments()
    if not args.no_tracemalloc:
        tracemalloc.start()
    makespan, sojourns, failed, peak, cpu, footprint = asyncio.run(run(args))
    sojourns.sort()
    p99 = sojourns[min(len(sojourns) - 1, int(len(sojourns) * 0.99))] * 1000 if sojourns else 0.0
    per_task = footprint.per_task
    print(" ".join([
        "idiom=tasks-in-flight",
        f"workload={'sim' if args.target == 'sim' else 'http'}",
        f"items={args.items}",
        f"width={args.width}",
        f"makespan_ms={makespan * 1000:.1f}",
        f"items_per_s={args.items / makespan if makespan > 0 else 0:.1f}",
        f"ok={args.items - failed}",
        f"failed={failed}",
        f"in_flight_peak={peak}",
        f"heap_per_task_bytes={'-' if per_task is None or per_task != per_task else f'{per_task:.0f}'}",
        f"threads={footprint.threads}",
        f"cpu_us_per_call={cpu * 1e6 / max(1, args.items):.1f}",
        f"sojourn_p99_ms={p99:.1f}",
    ]))
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
