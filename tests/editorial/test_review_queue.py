from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import ArticleTransition
from editorial.models import AnalysisBoxTransition
from tests.factories import AnalysisBoxFactory, ready_article

pytestmark = pytest.mark.django_db

URL = "/admin/articles/article/review-queue/"


def test_everything_awaiting_editors_oldest_first(editor_client, journalist, editor):
    newer = ready_article(created_by=journalist, headline="NEWER-ARTICLE")
    older = ready_article(created_by=journalist, headline="OLDER-ARTICLE")
    box = AnalysisBoxFactory(article=ready_article(headline="BOX-ARTICLE"))
    older.submit(by=journalist)
    newer.submit(by=journalist)
    box.submit(by=editor)
    ready_article(headline="DRAFT-NOT-QUEUED")
    now = timezone.now()
    ArticleTransition.objects.filter(article=older).update(at=now - timedelta(days=2))
    AnalysisBoxTransition.objects.filter(box=box).update(at=now - timedelta(days=1))
    ArticleTransition.objects.filter(article=newer).update(at=now - timedelta(hours=1))

    html = editor_client.get(URL).content.decode()

    positions = [
        html.index(m) for m in ("OLDER-ARTICLE", "BOX-ARTICLE", "NEWER-ARTICLE")
    ]
    assert positions == sorted(positions)
    assert "DRAFT-NOT-QUEUED" not in html


def test_box_diff_is_against_the_last_approved_text(editor_client, editor):
    box = AnalysisBoxFactory(
        article=ready_article(), body="<p>The channel matters most.</p>", approved=True
    )
    box.body = "<p>The channel matters less.</p>"
    box.save()

    html = editor_client.get(URL).content.decode()

    assert "The channel matters <del>most.</del> <ins>less.</ins>" in html


def test_article_diff_is_against_the_last_published_version(editor_client, editor):
    article = ready_article(headline="Ceasefire holds")
    article.publish(by=editor)
    article.unpublish(by=editor)
    article.headline = "Ceasefire breaks"
    article.save()
    article.submit(by=editor)

    html = editor_client.get(URL).content.decode()

    assert "Ceasefire <del>holds</del> <ins>breaks</ins>" in html


def test_journalists_have_no_queue(client, journalist):
    client.force_login(journalist)
    assert client.get(URL).status_code == 403
