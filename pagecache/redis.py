"""Django's Redis cache, keeping one client per connection pool.

Django's backend builds a new ``redis.Redis`` client for every operation,
which costs more than the network round trip of a page-cache hit. The client
is safe to reuse: it takes a connection from the pool for each command.
"""

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


class ReusedClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient

    def own_client(self, timeout):
        """A client with connections of its own to the server Django writes
        to, whose commands give up after `timeout` seconds: for the page
        cache's per-process copies (pagecache/local.py), which must notice a
        lost server rather than wait for it."""
        backend = self._cache
        options = {
            **backend._pool_options,
            "socket_timeout": timeout,
            "socket_connect_timeout": timeout,
        }
        pool = backend._pool_class.from_url(backend._servers[0], **options)
        return backend._client(connection_pool=pool)

    def dumps(self, value):
        """`value` as Django stores it, for writes that bypass the backend."""
        return self._cache._serializer.dumps(value)
