"""Production settings come from the environment; without it the site is local."""

import os
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]


def run_manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env={"PATH": os.environ.get("PATH", ""), **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def production_env():
    """The variables of `.env.production.example`, as a service would set them."""
    env = {}
    for line in (BASE_DIR / ".env.production.example").read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            name, _, value = line.partition("=")
            env[name.strip()] = value.strip()
    return env


def settings_values(env, *names):
    """The settings a fresh process computes from exactly `env`."""
    code = "from django.conf import settings; " + "; ".join(
        f"print(repr(settings.{name}))" for name in names
    )
    result = run_manage("shell", "-c", code, env=env)
    assert result.returncode == 0, result.stderr
    return dict(
        zip(names, result.stdout.strip().splitlines()[-len(names) :], strict=True)
    )


def test_deploy_check_passes_with_the_production_example():
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING", env=production_env()
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_deploy_check_fails_on_the_local_defaults():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env={"SECRET_KEY": "x" * 60 + "local-only-secret"},
    )
    assert result.returncode != 0
    assert "security.W004" in result.stderr  # no HSTS
    assert "security.W008" in result.stderr  # no HTTPS redirect


def test_without_environment_the_site_is_plain_local_http_with_debug_off():
    values = settings_values(
        {"SECRET_KEY": "local-secret"},
        "DEBUG",
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SESSION_COOKIE_SECURE",
        "ALLOWED_HOSTS",
    )
    assert values == {
        "DEBUG": "False",
        "SECURE_SSL_REDIRECT": "False",
        "SECURE_HSTS_SECONDS": "0",
        "SESSION_COOKIE_SECURE": "False",
        "ALLOWED_HOSTS": "['127.0.0.1', 'localhost']",
    }


def test_production_cookies_are_secure_httponly_and_same_site():
    values = settings_values(
        production_env(),
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SESSION_COOKIE_HTTPONLY",
        "CSRF_COOKIE_HTTPONLY",
        "SESSION_COOKIE_SAMESITE",
        "SESSION_COOKIE_NAME",
        "SECURE_HSTS_SECONDS",
        "SECURE_SSL_REDIRECT",
    )
    assert values == {
        "SESSION_COOKIE_SECURE": "True",
        "CSRF_COOKIE_SECURE": "True",
        "SESSION_COOKIE_HTTPONLY": "True",
        "CSRF_COOKIE_HTTPONLY": "True",
        "SESSION_COOKIE_SAMESITE": "'Lax'",
        "SESSION_COOKIE_NAME": "'__Host-sessionid'",
        "SECURE_HSTS_SECONDS": "31536000",
        "SECURE_SSL_REDIRECT": "True",
    }
