#!/usr/bin/env bash
# Lighthouse 12.2.3 on the front page and an article of the demo site, with
# Debian's Chromium, printing the four category scores of each.
#
#   tools/lighthouse.sh                   # serves on 127.0.0.1:8000
#   PORT=8800 CHROME_DEBUG_PORT=8801 tools/lighthouse.sh
#
# It builds a throwaway SQLite site with the demo content, DEBUG off and
# collected static files (as in production), so it never touches db.sqlite3.
# JSON reports stay in bench/results/lighthouse/.
set -Eeuo pipefail
cd "$(dirname "$0")/.."

PORT="${PORT:-8000}"
CHROME_DEBUG_PORT="${CHROME_DEBUG_PORT:-9222}"
export CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"
RESULTS=bench/results/lighthouse

if [ ! -x "$CHROME_PATH" ]; then
    echo "Chromium not found at $CHROME_PATH (apt-get install chromium)" >&2
    exit 1
fi
make --no-print-directory install browser-tools >/dev/null

work="$(mktemp -d)"
server=""
cleanup() {
    if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

export DATABASE_URL="sqlite:///$work/site.sqlite3"
export CACHE_URL="locmemcache://lighthouse"
export SECRET_KEY="lighthouse-local-only"
export DEBUG=off
export SITE_URL="http://127.0.0.1:$PORT"
export ALLOWED_HOSTS=127.0.0.1
export STATIC_ROOT="$work/static"
export MEDIA_ROOT="$work/media"
export LOG_LEVEL=WARNING

.venv/bin/python manage.py migrate --noinput --verbosity 0
.venv/bin/python manage.py collectstatic --noinput --verbosity 0
.venv/bin/python manage.py load_demo >/dev/null
article="$(.venv/bin/python manage.py shell --no-imports -c \
    'from articles.models import Article; print(Article.objects.published().filter(hero_image__isnull=False).first().get_absolute_url())')"

.venv/bin/python manage.py runserver --noreload "127.0.0.1:$PORT" >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 50); do
    curl -fs -o /dev/null "$SITE_URL/" && break
    sleep 0.2
done

mkdir -p "$RESULTS"
for page in home article; do
    url="$SITE_URL/"
    [ "$page" = article ] && url="$SITE_URL$article"
    node_modules/.bin/lighthouse "$url" \
        --quiet \
        --port="$CHROME_DEBUG_PORT" \
        --chrome-flags="--headless --no-sandbox --disable-gpu --disable-background-networking" \
        --only-categories=performance,accessibility,best-practices,seo \
        --output=json --output-path="$RESULTS/$page.json"
    .venv/bin/python - "$page" "$RESULTS/$page.json" <<'PY'
import json
import sys

page, path = sys.argv[1:]
with open(path) as report:
    categories = json.load(report)["categories"]
scores = "  ".join(
    f"{c['title']}: {round(c['score'] * 100)}" for c in categories.values()
)
print(f"{page:8} {scores}")
PY
done
