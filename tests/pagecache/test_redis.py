import pytest

from pagecache.redis import RedisCache
from tests.pagecache.servers import REDIS_URL, redis_or_skip


def test_redis_backend_reuses_one_client_and_still_works():
    redis_or_skip(REDIS_URL)
    cache = RedisCache(REDIS_URL, {"KEY_PREFIX": "pagecache-backend-test"})

    cache.set("greeting", {"text": "hello"}, 30)

    assert cache.get_many(["greeting", "absent"]) == {"greeting": {"text": "hello"}}
    assert cache._cache.get_client() is cache._cache.get_client()
    cache.delete("greeting")


def test_settings_use_it_for_redis_urls(settings):
    if "redis" not in settings.CACHES["default"]["LOCATION"].__str__():
        pytest.skip("CACHE_URL is not Redis in this run")
    assert settings.CACHES["default"]["BACKEND"] == "pagecache.redis.RedisCache"
