"""bench/cpu_split.py: which process a processor second belongs to, and the
split per request."""

import os

from bench import cpu_split

WRK_REPORT = """Running 15s test @ http://127.0.0.1:8610/articles/a/
  2 threads and 32 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    74.89ms   10.54ms 177.51ms   72.93%
    Req/Sec   213.82     33.11   300.00     71.67%
  6399 requests in 15.03s, 85.45MB read
Requests/sec:    425.79
Transfer/sec:      5.69MB
"""


def test_processes_are_grouped_by_what_they_run():
    group_of = cpu_split.group_of

    assert group_of([".venv/bin/python", "-m", "gunicorn", "--bind", "x"]) == "gunicorn"
    assert group_of(["/srv/venv/bin/gunicorn", "newsroom.wsgi"]) == "gunicorn"
    # PostgreSQL's backends write their state over their arguments.
    assert group_of(["postgres: 15/main: postgres newsroom_bench idle", ""]) == (
        "database server"
    )
    assert group_of(["/usr/lib/postgresql/15/bin/postgres", "-D", "/x"]) == (
        "database server"
    )
    assert group_of(["redis-server 127.0.0.1:6379", ""]) == "Redis"
    # A command that only mentions them, and a kernel thread (no arguments).
    assert group_of(["python", "bench/cpu_split.py", "--databases", "postgres"]) == (
        "rest of the machine"
    )
    assert group_of([""]) == "rest of the machine"


def test_split_is_milliseconds_per_request_of_each_group():
    before = {
        "10": ("gunicorn", 5.0),
        "11": ("gunicorn", 1.0),
        "20": ("database server", 2.0),
    }
    after = {
        "10": ("gunicorn", 7.0),
        "11": ("gunicorn", 2.0),
        "20": ("database server", 3.0),
        # Started during the run: all its time is the run's.
        "30": ("Redis", 0.5),
    }

    costs = cpu_split.split(before, after, requests=1000)

    assert costs == {"gunicorn": 3.0, "database server": 1.0, "Redis": 0.5}


def test_wrk_counts_are_read():
    assert cpu_split.requests_answered(WRK_REPORT) == 6399
    assert cpu_split.requests_per_second(WRK_REPORT) == 425.79


def test_this_process_is_found_with_its_processor_time():
    for _ in range(200_000):  # some processor time of its own
        pass

    group, seconds = cpu_split.process_times()[str(os.getpid())]

    assert group == "rest of the machine"
    assert seconds > 0
    assert cpu_split.machine_busy() >= seconds
