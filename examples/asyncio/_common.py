"""What every idiom script here shares: its arguments, the HTTP call, the outcome count and the one
line it prints. The idiom itself (the part worth reading) is in each script's fan_out().

Usage of every script:  python3 SCRIPT.py ITEM_URL ITEMS WIDTH
  ITEM_URL  where item n lives, with {n} for the number: http://127.0.0.1:8080/item/{n}
            (./fanout serve prints one on its first line)
  ITEMS     how many items: item 0 to ITEMS - 1, one GET each
  WIDTH     the most calls in flight at once (the await loop, create_task and gather take
            no bound by nature and ignore it)

The one line, always in this form (key=value, split by one space; times in milliseconds):
  idiom=<name> items=<N> width=<W> makespan_ms=<float> items_per_s=<float> ok=<n> failed=<n> timed_out=<n> cancelled=<n>

Exit status: 0 when at least one item succeeded (or ITEMS is 0), 1 when none did or aiohttp is
missing, 2 on bad arguments.
"""

import argparse
import asyncio
import sys
import time

try:
    import aiohttp
except ImportError:
    sys.exit(
        "this script needs aiohttp, which " + sys.executable + " cannot import.\n"
        "Install it: sudo apt-get install python3-aiohttp (Debian, Ubuntu; then run /usr/bin/python3)\n"
        "        or: python3 -m pip install aiohttp"
    )

PLACEHOLDER = "{n}"


class HttpStatusError(Exception):
    """The server answered, with a status other than 2xx."""

    def __init__(self, status, url):
        super().__init__(f"HTTP {status} from {url}")
        self.status = status


async def fetch(session, item_url, n):
    """GET item n; returns its status, raises HttpStatusError for anything but 2xx."""
    url = item_url.replace(PLACEHOLDER, str(n))
    async with session.get(url) as response:
        await response.read()
        if not 200 <= response.status <= 299:
            raise HttpStatusError(response.status, url)
        return response.status


class Tally:
    """Outcomes by kind, as the Java toolkit counts them."""

    def __init__(self):
        self.ok = self.failed = self.timed_out = self.cancelled = 0

    def count(self, result):
        """result: a status code, or the exception an item ended with."""
        if isinstance(result, asyncio.CancelledError):
            self.cancelled += 1
        elif isinstance(result, TimeoutError):  # asyncio.timeout raises TimeoutError (3.11+)
            self.timed_out += 1
        elif isinstance(result, BaseException):
            self.failed += 1
        else:
            self.ok += 1


def arguments(name, with_timeout):
    parser = argparse.ArgumentParser(prog=name, description=__doc__.split("\n\n")[0])
    parser.add_argument("item_url", metavar="ITEM_URL", help="e.g. http://127.0.0.1:8080/item/{n}")
    parser.add_argument("items", metavar="ITEMS", type=int)
    parser.add_argument("width", metavar="WIDTH", type=int)
    if with_timeout:
        parser.add_argument("--timeout", metavar="SECONDS", type=float, default=10.0,
                            help="per-call timeout (asyncio.timeout); default 10")
    args = parser.parse_args()
    if PLACEHOLDER not in args.item_url or not args.item_url.startswith(("http://", "https://")):
        parser.error(f"ITEM_URL must be an http or https URL with {PLACEHOLDER} in it, was {args.item_url!r}")
    if args.items < 0:
        parser.error(f"ITEMS must be at least 0, was {args.items}")
    if args.width < 1:
        parser.error(f"WIDTH must be at least 1, was {args.width}")
    if with_timeout and not args.timeout > 0:
        parser.error(f"--timeout must be positive, was {args.timeout}")
    return args


def main(name, fan_out, with_timeout=False):
    """Parses the arguments, runs fan_out(session, args, tally) once, prints the line."""
    args = arguments(name, with_timeout)
    tally = Tally()

    async def timed():
        # limit=0: aiohttp's connector otherwise keeps at most 100 connections, a bound of its own
        # that would hide what the idiom does (gather of 256 would never have more than 100 in flight).
        async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0)) as session:
            start = time.perf_counter()
            await fan_out(session, args, tally)
            return time.perf_counter() - start

    seconds = asyncio.run(timed())
    print(f"idiom={name} items={args.items} width={args.width} makespan_ms={seconds * 1000:.1f} "
          f"items_per_s={args.items / seconds if seconds > 0 else 0:.1f} ok={tally.ok} failed={tally.failed} "
          f"timed_out={tally.timed_out} cancelled={tally.cancelled}", flush=True)
    sys.exit(0 if args.items == 0 or tally.ok > 0 else 1)
