import pytest
from django.core.exceptions import PermissionDenied

from articles.models import TransitionError
from editorial.models import AnalysisBox
from tests.factories import AnalysisBoxFactory

pytestmark = pytest.mark.django_db


def test_new_box_is_a_hidden_draft_with_the_reference_defaults():
    box = AnalysisBoxFactory()
    assert box.status == AnalysisBox.Status.DRAFT
    assert not box.is_public
    assert (box.kicker, box.heading, box.label) == (
        "Editor's Desk",
        "Strategic Analysis",
        "Strategic Insight",
    )


def test_editor_approval_records_who_and_when(editor):
    box = AnalysisBoxFactory(submitted=True)
    box.approve(by=editor)

    box.refresh_from_db()
    assert box.is_public
    assert box.approved_by == editor
    assert box.approved_at is not None


def test_journalist_cannot_approve(journalist):
    box = AnalysisBoxFactory(submitted=True)
    with pytest.raises(PermissionDenied):
        box.approve(by=journalist)
    box.refresh_from_db()
    assert not box.is_public


def test_approving_twice_is_refused(editor):
    box = AnalysisBoxFactory(approved=True)
    with pytest.raises(TransitionError):
        box.approve(by=editor)


@pytest.mark.parametrize("field", AnalysisBox.CONTENT_FIELDS)
def test_any_edit_after_approval_withdraws_it(field):
    box = AnalysisBoxFactory(approved=True)
    setattr(box, field, getattr(box, field) + " (edited)")
    box.save()

    box.refresh_from_db()
    assert box.status == AnalysisBox.Status.SUBMITTED
    assert not box.is_public


def test_saving_unchanged_content_keeps_the_approval():
    box = AnalysisBoxFactory(approved=True)
    box.save()
    box.refresh_from_db()
    assert box.is_public


def test_an_edit_that_bypasses_save_is_never_public(client):
    box = AnalysisBoxFactory(approved=True)
    AnalysisBox.objects.filter(pk=box.pk).update(body="<p>Sneaked in.</p>")

    box.refresh_from_db()
    assert not box.is_public
    page = client.get(box.article.get_absolute_url()).content.decode()
    assert "Sneaked in." not in page


def test_body_is_sanitised():
    box = AnalysisBoxFactory(body='<p onmouseover="x()">Take<script>1</script></p>')
    box.refresh_from_db()
    assert box.body == "<p>Take</p>"


def test_editor_withdraws_approval(editor):
    box = AnalysisBoxFactory(approved=True)
    box.revoke_approval(by=editor)
    box.refresh_from_db()
    assert not box.is_public
    with pytest.raises(TransitionError):
        box.revoke_approval(by=editor)
