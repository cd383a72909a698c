import pytest
from django.urls import reverse

from tests.factories import (
    AnalysisBoxFactory,
    ArticleFactory,
    AuthorFactory,
    ready_article,
)

pytestmark = pytest.mark.django_db


def preview_url(article):
    return reverse("articles:article-preview", args=[article.pk])


def test_owner_previews_a_draft_with_its_unapproved_box(client, journalist):
    article = ready_article(created_by=journalist, headline="Draft headline")
    AnalysisBoxFactory(article=article, body="<p>Waiting for an editor.</p>")
    client.force_login(journalist)

    response = client.get(preview_url(article))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Draft headline" in html
    assert "Waiting for an editor." in html
    assert "Point 1 matters." in html
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= cache_control


def test_preview_uses_the_public_template(editor_client):
    article = ArticleFactory(scheduled=True)
    response = editor_client.get(preview_url(article))
    assert "articles/article_detail.html" in [t.name for t in response.templates]


def test_refused_to_those_who_may_not_edit(client, journalist, other_journalist):
    article = ready_article(created_by=journalist)
    client.force_login(other_journalist)
    assert client.get(preview_url(article)).status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(client):
    article = ready_article()
    response = client.get(preview_url(article))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_logged_in_readers_without_staff_status_are_refused(client, django_user_model):
    reader = django_user_model.objects.create_user("reader", password="x" * 16)
    client.force_login(reader)
    assert client.get(preview_url(ready_article())).status_code in (302, 403)


def test_a_journalist_bylined_elsewhere_may_not_preview_another_draft(
    client, journalist, other_journalist
):
    # Kim writes under her own byline on another story: that byline must not
    # open Jo's draft to her (the preview loads the draft's authors before
    # it asks who may see it).
    own_profile = AuthorFactory(user=other_journalist)
    ready_article(created_by=other_journalist, authors=[own_profile])
    draft = ready_article(created_by=journalist, headline="Jo's draft")
    client.force_login(other_journalist)

    response = client.get(preview_url(draft))

    assert response.status_code == 403
    assert "Jo's draft" not in response.content.decode()
