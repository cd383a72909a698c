"""Every response, public or admin, carries the security headers and the CSP."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import (
    AnalysisBoxFactory,
    ArticleFactory,
    AuthorFactory,
)

pytestmark = pytest.mark.django_db

MEDIA_CSP_DIRECTIVES = [
    "default-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "sandbox",
]
REQUIRED_CSP = [
    "default-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "frame-ancestors 'none'",
    "form-action 'self'",
]


@pytest.fixture
def article():
    article = ArticleFactory(
        tags=["diplomacy"],
        authors=[AuthorFactory(slug="mara")],
        with_hero=True,
        hero_image_alt="A flag",
    )
    AnalysisBoxFactory(article=article, approved=True)
    return article


def month_page(article):
    local = timezone.localtime(article.published_at)
    return reverse("articles:archive-month", args=[f"{local:%Y}", f"{local:%m}"])


def public_urls(article):
    return [
        "/",
        "/?page=2",
        article.get_absolute_url(),
        article.section.get_absolute_url(),
        reverse("articles:tag", args=["diplomacy"]),
        reverse("articles:author", args=["mara"]),
        reverse("articles:archive"),
        month_page(article),
        "/articles/no-such-article/",
        "/static/css/site.css",
        article.hero.url,
    ]


def admin_urls(article):
    box = article.analysis_box
    return [
        reverse("admin:index"),
        reverse("admin:articles_article_changelist"),
        reverse("admin:articles_article_add"),
        reverse("admin:articles_article_change", args=[article.pk]),
        reverse("admin:articles_article_history", args=[article.pk]),
        reverse("admin:editorial_analysisbox_change", args=[box.pk]),
        reverse("admin:two-factor-setup"),
    ]


def assert_security_headers(response):
    headers = response.headers
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert headers["Cross-Origin-Resource-Policy"] in {"same-origin", "cross-origin"}
    assert "camera=()" in headers["Permissions-Policy"]
    assert "geolocation=()" in headers["Permissions-Policy"]
    assert headers["X-Frame-Options"] == "DENY"
    policy = headers["Content-Security-Policy"]
    # Uploaded media get a stricter policy of their own (newsroom.views).
    required = (
        MEDIA_CSP_DIRECTIVES
        if policy.startswith("default-src 'none'")
        else REQUIRED_CSP
    )
    for directive in required:
        assert directive in policy
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
    assert "Content-Security-Policy-Report-Only" not in headers


def test_public_pages_carry_the_headers_and_no_nonce(client, article):
    for url in public_urls(article):
        response = client.get(url)
        assert response.status_code in {200, 404}, url
        assert_security_headers(response)
        # No nonce: a page cached for everyone keeps a valid policy.
        assert "nonce-" not in response["Content-Security-Policy"], url


def test_public_pages_have_no_inline_script_or_style(client, article):
    for url in public_urls(article)[:9]:
        page = client.get(url).content.decode()
        for script in re.findall(r"<script\b[^>]*>", page):
            # JSON-LD is data for crawlers: browsers never execute it and the
            # policy's script-src does not apply to it.
            if 'type="application/ld+json"' in script:
                continue
            assert "src=" in script, (url, script)
        assert "<style" not in page, url
        assert not re.search(r"\sstyle=", page), url
        assert not re.search(r"\son[a-z]+=", page), url


def test_admin_pages_carry_the_headers(editor_client, article):
    for url in admin_urls(article):
        response = editor_client.get(url)
        assert response.status_code == 200, url
        assert_security_headers(response)


def test_login_page_and_redirects_carry_the_headers(client):
    assert_security_headers(client.get(reverse("admin:index")))
    assert_security_headers(client.get(reverse("admin:login")))


def test_admin_inline_scripts_carry_the_nonce_of_their_response(editor_client):
    url = reverse("admin:articles_article_add")
    nonces = []
    for _ in range(2):
        response = editor_client.get(url)
        nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"])[1]
        page = response.content.decode()
        importmap = re.search(r'<script type="importmap"[^>]*>', page)[0]
        assert f'nonce="{nonce}"' in importmap
        for tag in re.findall(r"<script\b[^>]*>", page):
            assert f'nonce="{nonce}"' in tag, tag
        nonces.append(nonce)
    assert nonces[0] != nonces[1]
    assert len(nonces[0]) >= 16


def test_hsts_is_sent_when_configured(client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    response = client.get("/", secure=True)
    assert response["Strict-Transport-Security"] == (
        "max-age=31536000; includeSubDomains"
    )


def test_no_hsts_and_no_https_redirect_by_default(client):
    response = client.get("/")
    assert response.status_code == 200
    assert "Strict-Transport-Security" not in response.headers
