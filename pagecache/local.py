"""Pages kept in each process's memory, as fresh as the shared cache.

With Redis, a hit read from the shared cache costs one round trip; a page
this process already served costs none when it is kept here. Each process
keeps the pages it served (`current`) and one daemon thread that follows
changes; a request may use the copies only while that thread holds a *lease*:
it read the current generation less than ``LEASE`` ago.

The protocol, all in the cache's Redis (keys go through the cache's key
prefix, so sites sharing a Redis never meet):

- The thread subscribes to ``CHANNEL``, then every ``POLL`` runs
  ``_POLL_SCRIPT``: it reads the *generation* (a random token that every
  change replaces) and registers the process in ``MEMBERS_KEY`` for
  ``REGISTRATION`` seconds of Redis time. A generation other than the last
  one it saw (after a reconnection: any) installs a new, empty store; either
  way the lease then runs until ``LEASE`` after the moment the thread *sent*
  the read.
- ``bump()`` runs ``_BUMP_SCRIPT``, which in one step sets the new versions
  and a new generation, lists the registered processes and publishes the
  generation. Each subscriber installs a new store, then acknowledges.
  ``bump`` returns once every listed process acknowledged, or ``LEASE`` (plus
  a margin) after the script, whichever comes first.

Every page in a store was read from Redis after the store was installed: a
request takes the store object it will fill *before* it reads Redis and
writes into that object only. A page read just before a change therefore
lands in the store the change replaced, which nobody reads any more. Stores
are only ever replaced, never emptied for freshness (emptying one that grew
too big loses pages, never adds old ones).

Why no process serves an old page once ``bump`` has returned. Take a process
P serving a copy after that, under a lease from a read sent at t0, less than
``LEASE`` earlier. If that read reached Redis after the script, it returned
the new generation (or a later one), so P's store was installed after P
learned of it, after the script, and holds only pages read since. If the read
came before the script, t0 was before it, so the lease ends before ``bump``
can return by waiting; ``bump`` returned early only if P acknowledged, and P
acknowledges after installing a new store, again after the script. A process
with a lease is always listed: its registration outlives the lease
(``REGISTRATION`` > ``LEASE``). A registry lost to a flush or eviction is made
again with a ``SAFE`` mark ``LEASE`` ahead, and ``bump`` waits until then, by
when the leases it does not list have ended.

A copy is also kept no longer than its shared entry (``deadline``), which
ends before the next scheduled publication.

Any failure (Redis gone, a stalled thread) ends the lease: requests then read
Redis as they would without this layer. Redis's clock and the processes'
clocks are compared only as durations, never as times of day, except that a
jump of Redis's clock forward by more than ``REGISTRATION - LEASE`` could
end a registration early.
"""

import contextlib
import logging
import os
import secrets
import threading
import time
from time import monotonic

from django.core.cache import caches
from django.core.signals import setting_changed

logger = logging.getLogger(__name__)

# How long a read of the generation lets this process serve its copies, and
# so the longest an editor can wait for a process that does not answer.
LEASE = 0.25
# How often the thread reads the generation (well within LEASE).
POLL = 0.05
# Slack for clocks that run at slightly different rates.
MARGIN = 0.05
# How long a process stays listed after each read (Redis time): the lease
# plus ample room for Redis's clock being set forward.
REGISTRATION = 2.0
# Bounds of one process's store: beyond either it starts again empty.
MAX_ENTRIES = 2_000
MAX_BYTES = 64 * 2**20
# Redis commands of the thread and of bump() give up after this.
SOCKET_TIMEOUT = 2.0
ACK_SECONDS = 10

GENERATION_KEY = "pagecache:generation"
MEMBERS_KEY = "pagecache:members"
CHANNEL = "pagecache:changes"
ACK_KEY = "pagecache:ack:{}"
# Member of MEMBERS_KEY scored with the moment until which the registry may
# miss processes (it was lost and made again).
SAFE = "~safe"

# Redis 7 replicates a script's effects by default; older ones need telling
# before TIME is followed by writes.
_NOW = """
if redis.replicate_commands then redis.replicate_commands() end
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
"""

# KEYS: generation, members. ARGV: member, registration ms, lease ms,
# a generation to start with, SAFE.
_POLL_SCRIPT = (
    _NOW
    + """
local generation = redis.call('GET', KEYS[1])
if not generation then
  generation = ARGV[4]
  redis.call('SET', KEYS[1], generation)
end
if not redis.call('ZSCORE', KEYS[2], ARGV[5]) then
  redis.call('ZADD', KEYS[2], now + tonumber(ARGV[3]), ARGV[5])
end
redis.call('ZADD', KEYS[2], now + tonumber(ARGV[2]), ARGV[1])
return generation
"""
)

# KEYS: generation, members, version keys. ARGV: new generation, channel,
# lease ms, SAFE, version values. Returns the ms to wait for SAFE and the
# registered processes.
_BUMP_SCRIPT = (
    _NOW
    + """
local safe = redis.call('ZSCORE', KEYS[2], ARGV[4])
safe = safe and tonumber(safe) or now + tonumber(ARGV[3])
for i = 3, #KEYS do
  redis.call('SET', KEYS[i], ARGV[i + 2])
end
redis.call('SET', KEYS[1], ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
redis.call('ZADD', KEYS[2], safe, ARGV[4])
local members = redis.call('ZRANGEBYSCORE', KEYS[2], '(' .. now, '+inf')
redis.call('PUBLISH', ARGV[2], ARGV[1])
return {math.max(0, safe - now), members}
"""
)


class Store(dict):
    """Full path -> (entry, deadline on time.monotonic()); `values` holds what
    remember() keeps."""

    __slots__ = ("size", "values")

    def __init__(self):
        super().__init__()
        self.size = 0
        self.values = {}


# What a request reads, in one step: this process's store and the moment (on
# time.monotonic()) until which it may be served. Only the thread replaces the
# pair, always as a whole, so a request never pairs a new lease with an old
# store.
current = (Store(), 0.0)

_lock = threading.Lock()
# This process's _Sync; False when the cache is not our Redis backend.
_sync = None


def fill_target():
    """The store a request that is about to read Redis may fill, or None
    when copies are not kept. Taken before the read: see the module's
    docstring. Starts the thread on first use in each process."""
    sync = _sync
    if sync is None or (sync and not sync.running):
        sync = _start()
    return current[0] if sync else None


def keep(store, path, stored):
    """Keep the shared entry `stored` (tokens, entry, expires on the wall
    clock) for `path` in `store`, until the shared entry expires."""
    _, entry, expires = stored
    now = monotonic()
    deadline = now + (expires - time.time())
    if deadline <= now:
        return
    content, headers, _, _ = entry
    size = len(content) + sum(len(name) + len(value) for name, value in headers)
    if size > MAX_BYTES:
        return
    if len(store) >= MAX_ENTRIES or store.size + size > MAX_BYTES:
        store.clear()
        store.size = 0
    store[path] = (entry, deadline)
    store.size += size


def remember(key, load, max_age=300.0):
    """`load()`, kept in this process for as long as its page copies: until
    the next change any process announces (every change replaces the store)
    or the lease ends, and `max_age` seconds at most, as a shared cache entry
    would expire (a change made without signals, by SQL or a shell's
    `update()`, then shows within that time). For small data that every page
    shows and only a bump-announced change alters, read from the shared
    cache by `load`; with no copies kept (another cache backend, Redis
    unreachable) `load` runs every time."""
    now = monotonic()
    store, lease_until = current
    if now < lease_until:
        kept = store.values.get(key)
        if kept is not None and now < kept[1]:
            return kept[0]
    # Taken before the read, as for pages (see the module's docstring).
    target = fill_target()
    value = load()
    if target is not None:
        target.values[key] = (value, now + max_age)
    return value


def bump(versions):
    """Set `versions` (key -> token) and make every process drop its copies
    before returning. False when the cache is not our Redis backend (the
    caller then sets the versions itself)."""
    sync = _sync
    if sync is None:
        sync = _get()
    if not sync:
        return False
    sync.bump(versions)
    return True


def reset():
    """Forget the copies and stop following changes (a changed CACHES)."""
    global _sync, current
    with _lock:
        sync, _sync = _sync, None
        current = (Store(), 0.0)
    if sync:
        sync.stop()


def _get():
    global _sync
    with _lock:
        if _sync is None:
            backend = caches["default"]
            from .redis import RedisCache

            _sync = _Sync(backend) if isinstance(backend, RedisCache) else False
        return _sync


def _start():
    sync = _get()
    if sync:
        with _lock:
            if not sync.running:
                sync.start()
    return sync


def _after_fork():
    # The parent's copies and thread are not this process's: a copy the
    # parent drops on a change would stay here.
    global _sync, current, _lock
    _lock = threading.Lock()
    _sync = None
    current = (Store(), 0.0)


os.register_at_fork(after_in_child=_after_fork)


def _on_setting_changed(*, setting, **kwargs):
    if setting == "CACHES":
        reset()


setting_changed.connect(_on_setting_changed)


class _Sync:
    """This process's view of the change protocol: the thread that follows
    changes, and bump()."""

    def __init__(self, backend):
        self.backend = backend
        self.client = backend.own_client(SOCKET_TIMEOUT)
        key = backend.make_key
        self.generation_key = key(GENERATION_KEY)
        self.members_key = key(MEMBERS_KEY)
        # Redis delivers a message to subscribers of every database: the
        # number keeps sites on other databases of one Redis apart.
        database = self.client.connection_pool.connection_kwargs.get("db", 0)
        self.channel = f"{key(CHANNEL)}@{database}"
        self.member = secrets.token_hex(8).encode()
        self.poll_script = self.client.register_script(_POLL_SCRIPT)
        self.bump_script = self.client.register_script(_BUMP_SCRIPT)
        self.stopping = threading.Event()
        self.thread = None
        self.failures = 0

    def ack_key(self, generation):
        return self.backend.make_key(ACK_KEY.format(generation))

    @property
    def running(self):
        return self.thread is not None and self.thread.is_alive()

    def start(self):
        self.thread = threading.Thread(
            target=self.run, name="pagecache-local", daemon=True
        )
        self.thread.start()

    def stop(self):
        self.stopping.set()
        if self.running and self.thread is not threading.current_thread():
            self.thread.join(timeout=2 * SOCKET_TIMEOUT)
        with contextlib.suppress(Exception):
            self.client.zrem(self.members_key, self.member)
        self.client.connection_pool.disconnect()

    def run(self):
        while not self.stopping.is_set():
            pubsub = self.client.pubsub()
            try:
                self.follow(pubsub)
            except Exception:
                self.publish(Store(), 0.0)
                self.failures += 1
                # The first failure in a row with its traceback, then briefly.
                logger.warning(
                    "Page-cache copies are off until Redis answers again",
                    exc_info=self.failures == 1,
                )
                self.stopping.wait(min(5.0, 0.1 * 2 ** min(self.failures, 6)))
            finally:
                with contextlib.suppress(Exception):
                    pubsub.close()
        self.publish(Store(), 0.0)

    def follow(self, pubsub):
        pubsub.subscribe(self.channel)
        # Reads count only once Redis has confirmed the subscription: from
        # then on every change reaches this process (or it is listed and
        # bump() waits for it).
        confirmed = pubsub.get_message(timeout=SOCKET_TIMEOUT)
        if not confirmed or confirmed["type"] != "subscribe":
            raise ConnectionError(f"no subscription to {self.channel}")
        seen = None
        while not self.stopping.is_set():
            sent = monotonic()
            generation = self.poll_script(
                keys=[self.generation_key, self.members_key],
                args=[
                    self.member,
                    int(REGISTRATION * 1000),
                    int(LEASE * 1000),
                    secrets.token_hex(8),
                    SAFE,
                ],
            )
            store = current[0]
            if generation != seen:
                seen, store = generation, Store()
            self.publish(store, sent + LEASE)
            self.failures = 0
            while (remaining := sent + POLL - monotonic()) > 0:
                message = pubsub.get_message(timeout=remaining)
                if message is not None and message["type"] == "message":
                    seen = message["data"]
                    self.publish(Store(), current[1])
                    self.acknowledge(seen)

    def publish(self, store, until):
        global current
        # A thread left over from a reset() must not hand out leases.
        if _sync is self:
            current = (store, until)

    def acknowledge(self, generation):
        key = self.ack_key(generation.decode())
        with self.client.pipeline() as pipe:
            pipe.rpush(key, self.member)
            pipe.pexpire(key, ACK_SECONDS * 1000)
            pipe.execute()

    def bump(self, versions):
        backend = self.backend
        generation = secrets.token_hex(8)
        keys = [backend.make_and_validate_key(name) for name in versions]
        values = [backend.dumps(token) for token in versions.values()]
        safe_ms, members = self.bump_script(
            keys=[self.generation_key, self.members_key, *keys],
            args=[generation, self.channel, int(LEASE * 1000), SAFE, *values],
        )
        answered = monotonic()
        waiting = set(members) - {SAFE.encode()}
        try:
            self.await_acks(generation, waiting, answered + LEASE + MARGIN)
        except Exception:
            logger.exception("Could not read which processes dropped their pages")
        if waiting:
            # Their leases end by then (see the module's docstring).
            logger.warning(
                "%d process(es) did not confirm a page-cache change in time",
                len(waiting),
            )
            _sleep_until(answered + LEASE + MARGIN)
        if safe_ms:
            _sleep_until(answered + safe_ms / 1000 + MARGIN)

    def await_acks(self, generation, waiting, deadline):
        """Remove from `waiting` each process that acknowledged."""
        key = self.ack_key(generation)
        while waiting and (remaining := deadline - monotonic()) > 0:
            # BLPOP's timeout 0 would mean "for ever".
            reply = self.client.blpop([key], timeout=max(remaining, 0.001))
            if reply is None:
                return
            waiting.discard(reply[1])


def _sleep_until(moment):
    if (remaining := moment - monotonic()) > 0:
        time.sleep(remaining)
