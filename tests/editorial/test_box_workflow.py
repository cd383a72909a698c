import pytest
from django.core.exceptions import PermissionDenied

from articles.models import TransitionError
from editorial.models import AnalysisBox
from tests.factories import AnalysisBoxFactory, ArticleFactory, ready_article

pytestmark = pytest.mark.django_db

Status = AnalysisBox.Status


def reloaded(box):
    return AnalysisBox.objects.get(pk=box.pk)


class TestStateMachine:
    def test_draft_submitted_approved(self, journalist, editor):
        box = AnalysisBoxFactory(article=ready_article(created_by=journalist))
        assert box.status == Status.DRAFT

        box.submit(by=journalist)
        box.approve(by=editor)

        box = reloaded(box)
        assert box.is_public
        assert (box.approved_by, box.approved_content["heading"]) == (
            editor,
            "Strategic Analysis",
        )
        assert list(box.transitions.values_list("from_status", "to_status")) == [
            (Status.DRAFT, Status.SUBMITTED),
            (Status.SUBMITTED, Status.APPROVED),
        ]

    def test_changes_requested_with_a_note_then_resubmitted(self, journalist, editor):
        box = AnalysisBoxFactory(article=ready_article(created_by=journalist))
        box.submit(by=journalist)

        box.request_changes(by=editor, note="Cut the second paragraph.")
        assert reloaded(box).status == Status.CHANGES_REQUESTED
        assert box.transitions.last().note == "Cut the second paragraph."

        box.body = "<p>Shorter.</p>"
        box.save()
        box.submit(by=journalist)
        assert reloaded(box).status == Status.SUBMITTED

    @pytest.mark.parametrize(
        ("status", "move"),
        [
            (Status.DRAFT, "approve"),
            (Status.DRAFT, "request_changes"),
            (Status.SUBMITTED, "submit"),
            (Status.APPROVED, "submit"),
            (Status.CHANGES_REQUESTED, "approve"),
            (Status.SUBMITTED, "revoke_approval"),
        ],
    )
    def test_illegal_moves_are_refused(self, editor, status, move):
        if status == Status.APPROVED:
            box = AnalysisBoxFactory(approved=True)
        else:
            box = AnalysisBoxFactory(status=status)
        steps = box.transitions.count()
        kwargs = {"note": "why"} if move == "request_changes" else {}
        with pytest.raises(TransitionError):
            getattr(box, move)(by=editor, **kwargs)
        assert reloaded(box).status == status
        assert box.transitions.count() == steps

    def test_request_changes_needs_a_note(self, editor):
        box = AnalysisBoxFactory(submitted=True)
        with pytest.raises(TransitionError, match="note"):
            box.request_changes(by=editor, note="")

    @pytest.mark.parametrize("move", ["approve", "request_changes"])
    def test_only_editors_approve_or_send_back(self, journalist, move):
        box = AnalysisBoxFactory(
            article=ready_article(created_by=journalist), submitted=True
        )
        kwargs = {"note": "x"} if move == "request_changes" else {}
        with pytest.raises(PermissionDenied):
            getattr(box, move)(by=journalist, **kwargs)
        assert reloaded(box).status == Status.SUBMITTED

    def test_another_journalist_cannot_submit(self, journalist, other_journalist):
        box = AnalysisBoxFactory(article=ready_article(created_by=journalist))
        with pytest.raises(PermissionDenied):
            box.submit(by=other_journalist)


class TestApprovalIsBoundToTheText:
    @pytest.mark.parametrize(
        ("field", "value"),
        [
            ("body", "<p>Different words.</p>"),
            ("heading", "Another heading"),
            ("kicker", "Desk"),
            ("attribution", "Other Desk"),
            ("label", "Opinion"),
        ],
    )
    def test_any_edit_revokes_the_approval(self, client, field, value):
        box = AnalysisBoxFactory(article=ArticleFactory(), approved=True)
        setattr(box, field, value)
        box.save()

        box = reloaded(box)
        assert box.status == Status.SUBMITTED
        assert not box.is_public
        assert box.transitions.last().to_status == Status.SUBMITTED
        page = client.get(box.article.get_absolute_url()).content.decode()
        assert "<aside" not in page  # neither the old text nor the new

    def test_saving_the_same_text_keeps_the_approval(self):
        box = AnalysisBoxFactory(approved=True)
        box.save()
        assert reloaded(box).is_public

    def test_editors_edit_also_revokes(self, editor, client):
        box = AnalysisBoxFactory(approved=True)
        box.body = "<p>The editor's own change.</p>"
        box.updated_by = editor
        box.save()
        assert not reloaded(box).is_public
        assert box.transitions.last().by == editor

    def test_article_is_live_while_its_box_waits(self, client):
        article = ArticleFactory()
        AnalysisBoxFactory(article=article, submitted=True, body="<p>Hidden.</p>")
        page = client.get(article.get_absolute_url())
        assert page.status_code == 200
        assert "Hidden." not in page.content.decode()
