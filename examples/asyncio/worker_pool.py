#!/usr/bin/env python3
"""The queue-fed worker pool over a lazy generator, yielding results as they finish.

The idea: `width` long-lived workers take items from a bounded asyncio.Queue that a producer fills
from a generator, one item at a time; results come out as they finish. The input may be endless:
memory stays O(width), never O(N).
The trap: the shutdown. Each worker needs its own end marker, and an abandoned consumer must
cancel the producer and the workers, or they wait forever.
Java: the `worker-pool` strategy (outcomes in completion order).
"""

import asyncio

from _common import fetch, main

DONE = object()  # end marker: one per worker


def item_numbers(count):
    """Lazy input: the next number only when asked, as an endless stream would be."""
    n = 0
    while n < count:
        yield n
        n += 1


async def parallelize(session, item_url, numbers, width):
    """Yields each call's status (or exception) as it finishes, at most `width` calls at once."""
    queue = asyncio.Queue(maxsize=width)
    finished = asyncio.Queue()

    async def produce():
        for n in numbers:
            await queue.put(n)  # waits while the queue is full: the producer never runs ahead
        for _ in range(width):
            await queue.put(DONE)

    async def work():
        while (n := await queue.get()) is not DONE:
            try:
                finished.put_nowait(await fetch(session, item_url, n))
            except Exception as error:
                finished.put_nowait(error)
        finished.put_nowait(DONE)

    tasks = [asyncio.create_task(produce())] + [asyncio.create_task(work()) for _ in range(width)]
    try:
        workers_left = width
        while workers_left:
            result = await finished.get()
            if result is DONE:
                workers_left -= 1
            else:
                yield result
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)


async def fan_out(session, args, tally):
    async for result in parallelize(session, args.item_url, item_numbers(args.items), args.width):
        tally.count(result)


if __name__ == "__main__":
    main("worker-pool", fan_out)
