"""The Wagtail reference: the issue's first target is the uncached article
page at four times a Wagtail article page's throughput, so the benchmark
serves one beside Newsroom's, under the same server (gunicorn, and granian
beside the production app server's reading), on the same database server, in
the same run.

bench/wagtail_site/ is a Wagtail site set up as `wagtail start` sets one up,
with an article page built the way Wagtail's documentation builds one, filled
with bench/generate.py's articles. It runs in an environment of its own
(bench/.data/wagtail-venv, from bench/wagtail_site/requirements.txt), so
Newsroom's own dependencies never include Wagtail.
"""

import os
import subprocess
from pathlib import Path

SITE = Path(__file__).resolve().parent / "wagtail_site"
REQUIREMENTS = SITE / "requirements.txt"


def venv_python(data):
    return Path(data) / "wagtail-venv" / "bin" / "python"


def ensure_venv(data, python, log):
    """The reference's environment, made or brought up to date when its
    requirements changed since it was installed."""
    venv = Path(data) / "wagtail-venv"
    marker = venv / ".installed"
    wanted = REQUIREMENTS.read_text()
    if marker.exists() and marker.read_text() == wanted:
        return
    log("wagtail: installing the reference site's environment")
    if not venv_python(data).exists():
        subprocess.run([python, "-m", "venv", str(venv)], check=True)
    subprocess.run(
        [venv_python(data), "-m", "pip", "install", "--quiet", "-r", REQUIREMENTS],
        check=True,
    )
    marker.write_text(wanted)


def site_env(database_url, media_root):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "reference.settings",
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(media_root),
    }


def manage(env, data, *args, capture=False):
    return subprocess.run(
        [venv_python(data), "manage.py", *args],
        cwd=SITE,
        env=env,
        check=True,
        capture_output=capture,
        text=True,
    ).stdout


def article_count(env, data):
    code = "from news.models import ArticlePage; print(ArticlePage.objects.count())"
    try:
        output = manage(env, data, "shell", "--no-imports", "-c", code, capture=True)
    except subprocess.CalledProcessError:
        return -1  # no database yet, or not migrated
    return int(output.strip())


def newest_article(env, data):
    code = (
        "from news.models import ArticlePage; print(ArticlePage.objects.live()"
        ".order_by('-first_published_at').first().url)"
    )
    return manage(env, data, "shell", "--no-imports", "-c", code, capture=True).strip()


def prepare(env, data, articles, reset, log):
    """The reference site's database (in `env`) with `articles` articles,
    made again when it holds another number (`reset()` empties it first).
    Returns the newest article's path."""
    if article_count(env, data) != articles:
        log(f"wagtail: creating a reference site with {articles:,} articles")
        reset()
        manage(env, data, "migrate", "--noinput", "--verbosity", "0")
        manage(env, data, "make_articles", "--articles", str(articles))
    return newest_article(env, data)


def gunicorn_command(port, data, workers=3):
    """The same server as Newsroom's cold rows: gunicorn, 3 sync workers."""
    return [
        str(venv_python(data)),
        "-m",
        "gunicorn",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--log-level",
        "warning",
        "reference.wsgi:application",
    ]
