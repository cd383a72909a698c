from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from articles.models import Article, ChecklistError, TransitionError
from tests.factories import (
    AnalysisBoxFactory,
    ArticleFactory,
    AuthorFactory,
    KeyTakeawayFactory,
    RelatedLinkFactory,
    ready_article,
)

pytestmark = pytest.mark.django_db

DRAFT, IN_REVIEW, PUBLISHED = (
    Article.Status.DRAFT,
    Article.Status.IN_REVIEW,
    Article.Status.PUBLISHED,
)


def reloaded(article):
    return Article.objects.get(pk=article.pk)


def steps(article):
    return list(article.transitions.values_list("from_status", "to_status", "note"))


class TestLegalMoves:
    def test_draft_review_publish(self, journalist, editor):
        article = ready_article(created_by=journalist)

        article.submit(by=journalist)
        assert reloaded(article).status == IN_REVIEW
        article.publish(by=editor)

        article = reloaded(article)
        assert article.status == PUBLISHED
        assert article.published_at <= timezone.now()
        assert article in Article.objects.published()
        assert steps(article) == [(DRAFT, IN_REVIEW, ""), (IN_REVIEW, PUBLISHED, "")]

    def test_a_bylined_journalist_may_submit(self, journalist):
        article = ready_article(authors=[AuthorFactory(user=journalist)])
        article.submit(by=journalist)
        assert reloaded(article).status == IN_REVIEW

    def test_editor_sends_back_with_a_note(self, journalist, editor):
        article = ready_article(created_by=journalist)
        article.submit(by=journalist)

        article.send_back(by=editor, note="Source the second claim.")

        assert reloaded(article).status == DRAFT
        entry = article.transitions.last()
        assert (entry.by, entry.from_status, entry.to_status, entry.note) == (
            editor,
            IN_REVIEW,
            DRAFT,
            "Source the second claim.",
        )

    def test_scheduled_article_goes_live_at_its_time_without_a_job(self, editor):
        article = ready_article()
        at = timezone.now() + timedelta(hours=2)

        article.publish(by=editor, at=at)

        article = reloaded(article)
        assert article.is_scheduled
        assert article not in Article.objects.published()
        Article.objects.filter(pk=article.pk).update(
            published_at=timezone.now() - timedelta(seconds=1)
        )
        assert article in Article.objects.published()

    def test_a_past_time_publishes_now(self, editor):
        article = ready_article()
        article.publish(by=editor, at=timezone.now() - timedelta(days=3))
        assert reloaded(article).published_at > timezone.now() - timedelta(hours=1)

    def test_unpublish_live_or_scheduled(self, editor):
        live = ready_article()
        live.publish(by=editor)
        scheduled = ready_article()
        scheduled.publish(by=editor, at=timezone.now() + timedelta(days=1))

        live.unpublish(by=editor)
        scheduled.unpublish(by=editor)

        assert reloaded(live).status == DRAFT
        assert reloaded(scheduled).status == DRAFT
        assert not Article.objects.published().filter(pk__in=[live.pk, scheduled.pk])


class TestIllegalMoves:
    @pytest.mark.parametrize(
        ("status", "move"),
        [
            (IN_REVIEW, "submit"),
            (PUBLISHED, "submit"),
            (DRAFT, "send_back"),
            (PUBLISHED, "send_back"),
            (PUBLISHED, "publish"),
            (DRAFT, "unpublish"),
            (IN_REVIEW, "unpublish"),
        ],
    )
    def test_refused_and_nothing_recorded(self, editor, status, move):
        article = ready_article()
        Article.objects.filter(pk=article.pk).update(
            status=status,
            published_at=timezone.now() if status == PUBLISHED else None,
        )
        article = reloaded(article)
        kwargs = {"note": "why"} if move == "send_back" else {}

        with pytest.raises(TransitionError):
            getattr(article, move)(by=editor, **kwargs)

        assert reloaded(article).status == status
        assert not article.transitions.exists()

    def test_send_back_needs_a_note(self, editor):
        article = ready_article(status=IN_REVIEW)
        with pytest.raises(TransitionError, match="note"):
            article.send_back(by=editor, note="  ")
        assert reloaded(article).status == IN_REVIEW

    @pytest.mark.parametrize("move", ["publish", "unpublish", "send_back"])
    def test_journalists_never_make_editors_moves(self, journalist, move):
        article = ready_article(created_by=journalist)
        article.submit(by=journalist)
        if move == "unpublish":
            Article.objects.filter(pk=article.pk).update(
                status=PUBLISHED, published_at=timezone.now()
            )
            article = reloaded(article)
        before = reloaded(article).status
        kwargs = {"note": "x"} if move == "send_back" else {}

        with pytest.raises(PermissionDenied):
            getattr(article, move)(by=journalist, **kwargs)

        assert reloaded(article).status == before

    def test_journalist_cannot_submit_someone_elses_draft(
        self, journalist, other_journalist
    ):
        article = ready_article(created_by=journalist)
        with pytest.raises(PermissionDenied):
            article.submit(by=other_journalist)
        assert reloaded(article).status == DRAFT


class TestChecklist:
    def test_every_blocking_reason_is_listed_at_once(self, editor):
        article = ArticleFactory(
            draft=True,
            with_hero=True,
            hero_image__credit="",
            # A decorative library picture has no alt text to fall back on.
            hero_image__is_decorative=True,
            hero_image__alt_text="",
        )
        RelatedLinkFactory(from_article=article, to_article=ArticleFactory(draft=True))
        RelatedLinkFactory(
            from_article=article, to_article=ArticleFactory(scheduled=True)
        )

        with pytest.raises(ChecklistError) as refusal:
            article.publish(by=editor)

        messages = [problem.message for problem in refusal.value.problems]
        assert len(messages) == 5
        assert any("alt text" in m for m in messages)
        assert any("credit" in m for m in messages)
        assert any("no key takeaways" in m for m in messages)
        assert sum("unpublished article" in m for m in messages) == 2
        assert reloaded(article).status == DRAFT
        assert not article.transitions.exists()

    def test_too_many_takeaways(self, editor):
        article = ready_article(takeaways=6)
        with pytest.raises(ChecklistError, match="at most 5"):
            article.publish(by=editor)

    def test_the_allowed_number_passes(self, editor):
        article = ready_article(takeaways=5)
        article.publish(by=editor)
        assert reloaded(article).status == PUBLISHED

    def test_link_to_a_live_article_is_fine(self, editor):
        article = ready_article()
        RelatedLinkFactory(from_article=article, to_article=ArticleFactory())
        article.publish(by=editor)
        assert reloaded(article).status == PUBLISHED

    def test_a_box_awaiting_approval_is_flagged_not_blocking(self, editor, client):
        article = ready_article()
        AnalysisBoxFactory(
            article=article, submitted=True, body="<p>Unapproved view.</p>"
        )

        flags = article.publish(by=editor)

        assert [flag.blocking for flag in flags] == [False]
        assert "not approved" in flags[0].message
        page = client.get(article.get_absolute_url()).content.decode()
        assert "Unapproved view." not in page

    def test_an_approved_box_raises_no_flag(self, editor):
        article = ready_article()
        AnalysisBoxFactory(article=article, approved=True)
        assert article.publish(by=editor) == []


def test_takeaway_factory_positions_do_not_matter_for_the_count(editor):
    article = ready_article(takeaways=0)
    KeyTakeawayFactory(article=article, position=9)
    assert not [p for p in article.publication_problems() if p.blocking]
