"""Every kind of public page passes the Nu HTML Checker (vnu.jar) with no
errors. Needs Java and the npm tools; skips saying which is missing."""

import json
import shutil
import subprocess
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from tests.browser.conftest import ROOT
from tests.factories import (
    AnalysisBoxFactory,
    ArticleFactory,
    AuthorFactory,
    KeyTakeawayFactory,
    SectionFactory,
)

VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

pytestmark = pytest.mark.django_db


@pytest.fixture
def vnu():
    java = shutil.which("java")
    if not java:
        pytest.skip("Java is not installed (apt-get install default-jre-headless)")
    if not VNU_JAR.is_file():
        pytest.skip("node_modules/vnu-jar is missing: run `make browser-tools`")

    def check(files):
        result = subprocess.run(
            [java, "-jar", str(VNU_JAR), "--format", "json", "--exit-zero-always"]
            + [str(f) for f in files],
            capture_output=True,
            text=True,
            timeout=300,
            check=True,
        )
        messages = json.loads(result.stderr)["messages"]
        return [
            f"{m['url'].rsplit('/', 1)[-1]}:{m.get('lastLine')}: {m['message']}"
            for m in messages
            if m["type"] == "error"
            or (m["type"] == "non-document-error")
            or m.get("subType") == "fatal"
        ]

    return check


def test_public_pages_have_no_html_errors(vnu, tmp_path):
    SectionFactory(name="Diplomacy", slug="diplomacy")
    economy = SectionFactory(name="Economy", slug="economy")
    author = AuthorFactory(name="Mara Lind", slug="mara-lind")
    article = ArticleFactory(
        headline="Grain corridor reopens & insurers return",
        slug="grain-corridor",
        dek='Ships sailed at dawn; "cautious" optimism.',
        body="<p>The first convoy left.</p><h2>Next</h2><ul><li>More</li></ul>",
        section=economy,
        authors=[author, AuthorFactory(name="Ole Berg")],
        tags=["shipping", "grain"],
        with_hero=True,
    )
    KeyTakeawayFactory(article=article, position=1, text="Insurance costs fell.")
    AnalysisBoxFactory(article=article, approved=True)
    ArticleFactory(section=economy, authors=[author], tags=["shipping"], with_hero=True)

    # A story of two years ago: the archive lists months of two years.
    ArticleFactory(section=economy, published_at=timezone.now() - timedelta(days=730))
    month = timezone.localtime(article.published_at)

    client = Client()
    pages = {
        "home": "/",
        "archive": "/archive/",
        "archive-month": f"/archive/{month:%Y}/{month:%m}/",
        "article": article.get_absolute_url(),
        "section": "/sections/economy/",
        "tag": "/topics/shipping/",
        "author": "/authors/mara-lind/",
        "search": "/search/?q=grain",
        "search-empty": "/search/",
        "search-none": "/search/?q=volcano",
        "search-too-long": "/search/?q=" + "a" * 1001,
        "404": "/articles/missing/",
    }
    files = []
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code in (200, 404), url
        path = tmp_path / f"{name}.html"
        path.write_bytes(response.content)
        files.append(path)

    assert vnu(files) == []
