#!/usr/bin/env python3
"""TaskGroup with a per-call asyncio.timeout: structured concurrency.

The idea: the `async with TaskGroup()` block does not end until every task in it has; a call
that runs past --timeout is cancelled by asyncio.timeout and counted as timed out. Each task
catches its own failure, so one bad call does not cancel its siblings (gather's
return_exceptions=True, in a TaskGroup); a Semaphore(width) bounds the calls in flight.
The trap: an exception that escapes a task cancels every sibling (that is TaskGroup's fail-fast);
catch inside the task to collect instead.
Java: the `structured` strategy with --timeout.
"""

import asyncio

from _common import fetch, main


async def fan_out(session, args, tally):
    semaphore = asyncio.Semaphore(args.width)

    async def guarded(n):
        async with semaphore:
            try:
                async with asyncio.timeout(args.timeout):
                    tally.count(await fetch(session, args.item_url, n))
            except Exception as error:  # TimeoutError included
                tally.count(error)

    async with asyncio.TaskGroup() as group:
        for n in range(args.items):
            group.create_task(guarded(n))


if __name__ == "__main__":
    main("taskgroup-timeout", fan_out, with_timeout=True)
