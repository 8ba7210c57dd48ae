#!/usr/bin/env python3
"""The await loop: one call after another, each awaited before the next starts.

The idea: the plainest async code, and no concurrency at all: N calls of latency L take N x L.
The trap: `async` in front does not make it concurrent; it is the sequential baseline.
Java: the `sequential` strategy.
"""

from _common import fetch, main


async def fan_out(session, args, tally):
    for n in range(args.items):
        try:
            tally.count(await fetch(session, args.item_url, n))
        except Exception as error:
            tally.count(error)


if __name__ == "__main__":
    main("await-loop", fan_out)
