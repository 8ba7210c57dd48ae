#!/usr/bin/env python3
"""as_completed: results in the order they finish, fastest first.

The idea: asyncio.as_completed hands back each call as soon as it is done, so the first answer
can be used while slow ones still run; a Semaphore(width) bounds the calls in flight.
The trap: what comes out is not in input order; keep the item number with the result if it matters.
Java: the `async` strategy (at most width futures outstanding on one thread, as an event loop
has), outcomes in completion order.
"""

import asyncio

from _common import fetch, main


async def fan_out(session, args, tally):
    semaphore = asyncio.Semaphore(args.width)

    async def bounded(n):
        async with semaphore:
            return await fetch(session, args.item_url, n)

    for next_done in asyncio.as_completed([bounded(n) for n in range(args.items)]):
        try:
            tally.count(await next_done)
        except Exception as error:
            tally.count(error)


if __name__ == "__main__":
    main("as-completed", fan_out)
