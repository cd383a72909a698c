"""The settings module read from a clean environment, in a child process."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_manage(*args, env_overrides):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "DEBUG", "DATABASE_URL", "CACHE_URL"}
    }
    # A developer's .env (written by `make run`) must not decide these tests.
    env["ENV_FILE"] = os.devnull
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def settings_value(expression, **env_overrides):
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        f"from django.conf import settings; print(repr(({expression})))",
        env_overrides=env_overrides,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_missing_secret_key_is_a_clear_error_not_a_traceback():
    result = run_manage("check", env_overrides={"DEBUG": "off"})
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
    assert "Traceback" not in result.stderr


def test_defaults_are_local_and_safe():
    values = settings_value(
        "settings.DEBUG, settings.DATABASES['default']['ENGINE'], "
        "settings.CACHES['default']['BACKEND'], settings.USE_TZ, settings.TIME_ZONE",
        SECRET_KEY="x",
    )
    assert values == (
        "(False, 'django.db.backends.sqlite3', "
        "'django.core.cache.backends.locmem.LocMemCache', True, 'UTC')"
    )


def test_production_services_come_from_the_environment():
    values = settings_value(
        "settings.DATABASES['default']['ENGINE'], "
        "settings.DATABASES['default']['NAME'], "
        "settings.CACHES['default']['BACKEND'], settings.TIME_ZONE, "
        "settings.ALLOWED_HOSTS",
        SECRET_KEY="x",
        DATABASE_URL="postgres://newsroom:pw@db.internal:5432/newsroom",
        CACHE_URL="redis://cache.internal:6379/1",
        TIME_ZONE="Europe/Berlin",
        ALLOWED_HOSTS="news.example.org,www.news.example.org",
    )
    assert values == (
        "('newsroom.db.postgresql', 'newsroom', "
        "'pagecache.redis.RedisCache', 'Europe/Berlin', "
        "['news.example.org', 'www.news.example.org'])"
    )


def test_debug_needs_no_secret_key():
    assert settings_value("settings.DEBUG", DEBUG="on") == "True"


def test_postgresql_prepares_statements_unless_told_not_to():
    options = "settings.DATABASES['default']['OPTIONS']"
    url = "postgres://newsroom:pw@db.internal:5432/newsroom"

    assert settings_value(options, SECRET_KEY="x", DATABASE_URL=url) == (
        "{'server_side_binding': True, 'prepare_threshold': 2}"
    )
    # Behind an older pgbouncer in transaction mode.
    assert (
        settings_value(
            options,
            SECRET_KEY="x",
            DATABASE_URL=url + "?server_side_binding=false&prepare_threshold=5",
        )
        == "{'server_side_binding': False, 'prepare_threshold': 5}"
    )
    assert settings_value(options, SECRET_KEY="x") == "{}"
