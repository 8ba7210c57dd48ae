#!/usr/bin/env python3
"""create_task, then await later: every call is started at once, then awaited one by one.

The idea: create_task schedules the coroutine now, so all N run together while the loop awaits
the first; the makespan is the slowest call, not the sum.
The trap: nothing bounds it: N tasks, N connections, N requests in flight at once.
Java: the `all-at-once` strategy.
"""

import asyncio

from _common import fetch, main


async def fan_out(session, args, tally):
    tasks = [asyncio.create_task(fetch(session, args.item_url, n)) for n in range(args.items)]
    for task in tasks:
        try:
            tally.count(await task)
        except Exception as error:
            tally.count(error)


if __name__ == "__main__":
    main("create-task", fan_out)
