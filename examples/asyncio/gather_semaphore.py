#!/usr/bin/env python3
"""gather with a Semaphore(width) around each call: the sliding window.

The idea: every task is created at once, but each waits for one of `width` permits before its
call, so at most `width` are in flight and a finished call lets the next one in at once.
The trap: the tasks (and their coroutines) for all N items exist from the start: memory O(N).
Java: the `semaphore` strategy, taking outcomes in input order.
"""

import asyncio

from _common import fetch, main


async def fan_out(session, args, tally):
    semaphore = asyncio.Semaphore(args.width)

    async def bounded(n):
        async with semaphore:
            return await fetch(session, args.item_url, n)

    results = await asyncio.gather(*(bounded(n) for n in range(args.items)), return_exceptions=True)
    for result in results:
        tally.count(result)


if __name__ == "__main__":
    main("gather-semaphore", fan_out)
