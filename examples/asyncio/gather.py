#!/usr/bin/env python3
"""asyncio.gather of everything: one line that runs every call at once and keeps input order.

The idea: gather wraps each coroutine in a task and returns the results in input order;
return_exceptions=True makes a failure a result instead of the end of the whole gather.
The trap: unbounded, like create_task: N calls in flight at once.
Java: the `all-at-once` strategy, taking outcomes in input order.
"""

import asyncio

from _common import fetch, main


async def fan_out(session, args, tally):
    results = await asyncio.gather(*(fetch(session, args.item_url, n) for n in range(args.items)),
                                   return_exceptions=True)
    for result in results:
        tally.count(result)


if __name__ == "__main__":
    main("gather", fan_out)
