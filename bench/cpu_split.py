#!/usr/bin/env python
"""Where the processor goes while wrk loads one uncached page under gunicorn:
processor time of the gunicorn workers, the database server, Redis, wrk and
the rest of the machine, per request answered; and, for comparison, what the
same page costs the app's process and the database server when
newsroom.wsgi.application is called in a loop, with no server, client or
other worker in the way.

    .venv/bin/python bench/cpu_split.py [--databases sqlite,postgres] [--page article]

Uses the databases `make bench` fills: run that first. The difference between
the two readings is what serving a page costs besides rendering it (parsing
and answering HTTP, a connection per request, processes taking turns on two
cores), which wrk's figure and the README's targets include. Read on Linux
from /proc; wrk's own time from the resources of finished child processes.
"""

import argparse
import os
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import page_cost, run  # noqa: E402

TICKS = os.sysconf("SC_CLK_TCK")


def group_of(argv):
    """The group of a process by its arguments. PostgreSQL and Redis write
    their state over their own (`postgres: 15/main: postgres db … idle`)."""
    program = Path(argv[0].split(" ")[0]).name if argv else ""
    if program == "gunicorn" or argv[1:3] == ["-m", "gunicorn"]:
        return "gunicorn"
    if program in ("postgres", "postgres:"):
        return "database server"
    if program == "redis-server":
        return "Redis"
    return "rest of the machine"


def process_times():
    """{pid: (group, processor seconds)} of every process running now."""
    times = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            argv = (entry / "cmdline").read_bytes().decode(errors="replace").split("\0")
            stat = (entry / "stat").read_text()
        except OSError:  # gone meanwhile
            continue
        # Fields after the command name, which may hold spaces: utime, stime
        # are the 14th and 15th of the whole line.
        fields = stat.rsplit(")", 1)[1].split()
        seconds = (int(fields[11]) + int(fields[12])) / TICKS
        times[entry.name] = (group_of(argv), seconds)
    return times


def machine_busy():
    """Processor seconds the whole machine spent on anything but idling."""
    with open("/proc/stat") as stat:
        values = [int(value) for value in stat.readline().split()[1:]]
    idle, iowait = values[3], values[4]
    return (sum(values[:8]) - idle - iowait) / TICKS


def split(before, after, requests):
    """Milliseconds per request of each group between two process_times().
    Processes that started meanwhile count from zero; those that ended are
    lost (the servers and their database connections outlive the run)."""
    spent = {}
    for pid, (group, seconds) in after.items():
        previous = before.get(pid, (group, 0.0))[1]
        spent[group] = spent.get(group, 0.0) + seconds - previous
    return {group: seconds / requests * 1000 for group, seconds in spent.items()}


def requests_answered(report):
    return int(re.search(r"(\d+) requests in", report).group(1))


def requests_per_second(report):
    return float(re.search(r"Requests/sec:\s+([\d.]+)", report).group(1))


def measure(url, duration, connections):
    run.warm_up(url, connections)
    busy, before = machine_busy(), process_times()
    started = time.monotonic()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    report = subprocess.run(
        [run.find_tool("wrk"), "-t2", f"-c{connections}", f"-d{duration}s", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    wrk_usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    after, busy = process_times(), machine_busy() - busy
    elapsed = time.monotonic() - started
    requests = requests_answered(report)
    costs = split(before, after, requests)
    wrk_seconds = (wrk_usage.ru_utime + wrk_usage.ru_stime) - (
        children.ru_utime + children.ru_stime
    )
    costs["wrk"] = wrk_seconds / requests * 1000
    # The kernel's own work (interrupts, softirqs) and processes too short
    # to be seen: what the machine spent beyond the processes listed.
    costs["unattributed"] = busy / requests * 1000 - sum(costs.values())
    return requests_per_second(report), costs, busy / elapsed


def in_process(url, calls):
    """(app process, database server) milliseconds of processor per call of
    `url` (a path and query)."""
    call = page_cost.Caller()
    for _ in range(50):  # templates compiled, statements prepared
        call(url)
    server_before, app_before = process_times(), time.process_time()
    for _ in range(calls):
        call(url)
    app_seconds = time.process_time() - app_before
    server = split(server_before, process_times(), calls).get("database server", 0.0)
    call.check()
    return app_seconds / calls * 1000, server


def child(url, calls):
    app, server = in_process(url, calls)
    print(app, server)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--page", default="article")
    parser.add_argument("--duration", type=int, default=15)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--calls", type=int, default=2000, help="calls in process")
    parser.add_argument("--redis-url", help="default: BENCH_REDIS_URL or local Redis")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.calls)
        return
    for kind in (name.strip() for name in args.databases.split(",")):
        env, _ = run.built_database(kind, args.redis_url)
        path = run.public_urls(env)[args.page]
        app, server = map(
            float,
            subprocess.run(
                [sys.executable, __file__, "--child", path, "--calls", str(args.calls)],
                cwd=ROOT,
                env=env,
                check=True,
                capture_output=True,
                text=True,
            ).stdout.split(),
        )
        url = f"http://127.0.0.1:{run.PORT_APP}{path}"
        with run.gunicorn(run.PORT_APP, env):
            rate, costs, cores_busy = measure(url, args.duration, args.connections)
        print(
            f"{kind}, {args.page} page, cache off, in process ({args.calls:,} calls): "
            f"app {app:.2f} ms, database server {server:.2f} ms, "
            f"{app + server:.2f} ms in all"
        )
        print(
            f"{kind}, {args.page} page, cache off, gunicorn (3 sync workers), "
            f"wrk {args.connections} connections: {rate:,.0f} req/s, "
            f"{cores_busy:.2f} cores busy"
        )
        for group, cost in sorted(costs.items(), key=lambda item: -item[1]):
            print(f"  {group:20} {cost:6.2f} ms per request")
        print(f"  {'in all':20} {sum(costs.values()):6.2f} ms per request")


if __name__ == "__main__":
    main()
