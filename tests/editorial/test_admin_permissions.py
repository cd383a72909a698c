"""The permission matrix: every admin URL and workflow step, for anonymous
visitors, the journalist who owns the article, another journalist and an
editor. A refused request must change nothing in the database."""

import pytest
import reversion
from django.contrib.auth.models import AnonymousUser
from django.forms.models import model_to_dict
from reversion.models import Version

from articles.models import Article, ArticleTransition, KeyTakeaway
from editorial.models import AnalysisBox, AnalysisBoxTransition
from tests import factories
from tests.admin_forms import form_data

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "owner", "other", "editor"]


@pytest.fixture
def world(journalist, other_journalist, editor):
    article = factories.ready_article(created_by=journalist, headline="First words")
    with reversion.create_revision():
        article.save()
    article.headline = "Second words"
    with reversion.create_revision():
        article.save()
    box = factories.AnalysisBoxFactory(article=article, submitted=True)
    with reversion.create_revision():
        box.save()
    return {
        "article": article,
        "box": box,
        "users": {
            "anonymous": AnonymousUser(),
            "owner": journalist,
            "other": other_journalist,
            "editor": editor,
        },
    }


def database_state():
    """Everything a request could change."""
    return {
        "articles": [model_to_dict(a) for a in Article.objects.all()],
        "states": list(Article.objects.values_list("status", "published_at")),
        "boxes": list(AnalysisBox.objects.values()),
        "takeaways": list(KeyTakeaway.objects.values()),
        "article_steps": ArticleTransition.objects.count(),
        "box_steps": AnalysisBoxTransition.objects.count(),
        "versions": Version.objects.count(),
    }


def admin(path):
    return f"/admin/{path}"


def on_article(suffix):
    return lambda w: admin(f"articles/article/{w['article'].pk}/{suffix}")


def on_box(suffix):
    return lambda w: admin(f"editorial/analysisbox/{w['box'].pk}/{suffix}")


def article_form(client, editor, article, **changes):
    client.force_login(editor)
    data = form_data(
        client.get(admin(f"articles/article/{article.pk}/change/")), "article_form"
    )
    client.logout()
    return data | changes


def box_form(client, editor, box, **changes):
    client.force_login(editor)
    data = form_data(
        client.get(admin(f"editorial/analysisbox/{box.pk}/change/")),
        "analysisbox_form",
    )
    client.logout()
    return data | changes


# (name, method, url, data builder, expected status per role[, the roles whose
# request changes the database: by default every signed-in role a POST is
# allowed for])
LOGIN = 302
CASES = [
    ("changelist", "get", lambda w: admin("articles/article/"), None,
     {"anonymous": LOGIN, "owner": 200, "other": 200, "editor": 200}),
    ("add page", "get", lambda w: admin("articles/article/add/"), None,
     {"anonymous": LOGIN, "owner": 200, "other": 200, "editor": 200}),
    ("change page", "get", on_article("change/"),
     None, {"anonymous": LOGIN, "owner": 200, "other": 403, "editor": 200}),
    ("change with forced status", "post",
     on_article("change/"),
     lambda c, w: article_form(
         c, w["users"]["editor"], w["article"], headline="Edited",
         status="published", published_at="2020-01-01 10:00:00",
     ),
     {"anonymous": LOGIN, "owner": 302, "other": 403, "editor": 302}),
    ("delete page", "get", on_article("delete/"),
     None, {"anonymous": LOGIN, "owner": 403, "other": 403, "editor": 200}),
    ("delete", "post", on_article("delete/"),
     lambda c, w: {"post": "yes"},
     {"anonymous": LOGIN, "owner": 403, "other": 403, "editor": 302}),
    ("history", "get", on_article("history/"),
     None, {"anonymous": LOGIN, "owner": 200, "other": 403, "editor": 200}),
    ("revert", "post",
     lambda w: admin(
         f"articles/article/{w['article'].pk}/history/"
         f"{Version.objects.get_for_object(w['article']).last().pk}/revert/"
     ),
     lambda c, w: {},
     {"anonymous": LOGIN, "owner": 302, "other": 403, "editor": 302}),
    ("preview", "get", lambda w: f"/preview/articles/{w['article'].pk}/", None,
     {"anonymous": LOGIN, "owner": 200, "other": 403, "editor": 200}),
    ("submit", "post", on_article("workflow/"),
     lambda c, w: {"transition": "submit"},
     {"anonymous": LOGIN, "owner": 302, "other": 403, "editor": 302}),
    ("publish", "post", on_article("workflow/"),
     lambda c, w: {"transition": "publish"},
     {"anonymous": LOGIN, "owner": 403, "other": 403, "editor": 302}),
    ("schedule", "post", on_article("workflow/"),
     lambda c, w: {"transition": "publish", "workflow_at": "2099-01-01T09:00"},
     {"anonymous": LOGIN, "owner": 403, "other": 403, "editor": 302}),
    # The action is not offered to journalists: the changelist says "no action
    # selected" and redirects.
    ("publish action", "post", lambda w: admin("articles/article/"),
     lambda c, w: {"action": "publish_selected", "_selected_action": [w["article"].pk]},
     {"anonymous": LOGIN, "owner": 302, "other": 302, "editor": 302}, {"editor"}),
    ("box change page", "get",
     on_box("change/"), None,
     {"anonymous": LOGIN, "owner": 200, "other": 403, "editor": 200}),
    ("box edit", "post",
     on_box("change/"),
     lambda c, w: box_form(
         c, w["users"]["editor"], w["box"], heading="Edited heading",
         status="approved", approved_fingerprint="x",
     ),
     {"anonymous": LOGIN, "owner": 302, "other": 403, "editor": 302}),
    ("box history", "get",
     on_box("history/"), None,
     {"anonymous": LOGIN, "owner": 200, "other": 403, "editor": 200}),
    ("box approve", "post",
     on_box("workflow/"),
     lambda c, w: {"transition": "approve"},
     {"anonymous": LOGIN, "owner": 403, "other": 403, "editor": 302}),
    ("box request changes", "post",
     on_box("workflow/"),
     lambda c, w: {"transition": "request_changes", "workflow_note": "Shorter."},
     {"anonymous": LOGIN, "owner": 403, "other": 403, "editor": 302}),
    ("box approve action", "post", lambda w: admin("editorial/analysisbox/"),
     lambda c, w: {"action": "approve_selected", "_selected_action": [w["box"].pk]},
     {"anonymous": LOGIN, "owner": 302, "other": 302, "editor": 302}, {"editor"}),
    ("box delete", "post",
     on_box("delete/"),
     lambda c, w: {"post": "yes"},
     {"anonymous": LOGIN, "owner": 403, "other": 403, "editor": 302}),
    ("review queue", "get", lambda w: admin("articles/article/review-queue/"), None,
     {"anonymous": LOGIN, "owner": 403, "other": 403, "editor": 200}),
]  # fmt: skip


def with_changers(case):
    name, method, url, data, expected, *changers = case
    if changers:
        return (name, method, url, data, expected, changers[0])
    allowed = {
        role
        for role, status in expected.items()
        if method == "post" and role != "anonymous" and status == 302
    }
    return (name, method, url, data, expected, allowed)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("name", "method", "url", "data", "expected", "changers"),
    [with_changers(case) for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_permission_matrix(
    client, world, role, name, method, url, data, expected, changers
):
    payload = data(client, world) if data else None
    before = database_state()
    user = world["users"][role]
    if user.is_authenticated:
        client.force_login(user)

    response = getattr(client, method)(url(world), payload)

    assert response.status_code == expected[role]
    if role == "anonymous":
        assert response["Location"].startswith("/admin/login/")
    changed = database_state() != before
    if role in changers:
        assert changed, f"{role} was allowed {name} but nothing happened"
    else:
        assert not changed, f"{role} changed the database with {name}"


def test_owner_edit_ignores_a_forced_status_and_publish_time(client, world):
    article = world["article"]
    payload = article_form(
        client,
        world["users"]["editor"],
        article,
        headline="Edited by the owner",
        status="published",
        published_at="2020-01-01 10:00:00",
    )
    client.force_login(world["users"]["owner"])

    client.post(admin(f"articles/article/{article.pk}/change/"), payload)

    article.refresh_from_db()
    assert article.headline == "Edited by the owner"
    assert article.status == Article.Status.DRAFT
    assert article.published_at is None


def test_owner_box_edit_cannot_forge_an_approval(client, world):
    box = world["box"]
    payload = box_form(
        client,
        world["users"]["editor"],
        box,
        heading="Owner's heading",
        status="approved",
        approved_fingerprint=box.content_fingerprint,
    )
    client.force_login(world["users"]["owner"])

    client.post(admin(f"editorial/analysisbox/{box.pk}/change/"), payload)

    box.refresh_from_db()
    assert box.heading == "Owner's heading"
    assert box.status == AnalysisBox.Status.SUBMITTED
    assert not box.is_public


def test_owner_loses_edit_rights_once_published(client, world):
    article = world["article"]
    article.publish(by=world["users"]["editor"])
    client.force_login(world["users"]["owner"])

    page = client.get(admin(f"articles/article/{article.pk}/change/"))
    refused = client.post(
        admin(f"articles/article/{article.pk}/change/"), {"headline": "Late edit"}
    )

    assert page.status_code == 200  # read-only view
    assert b'name="headline"' not in page.content
    assert refused.status_code == 403
    article.refresh_from_db()
    assert article.headline == "Second words"


def test_lists_and_autocomplete_hide_other_journalists_drafts(
    client, world, other_journalist
):
    live = factories.ArticleFactory(headline="LIVE-ONE")
    own = factories.ready_article(created_by=other_journalist, headline="OWN-DRAFT")
    client.force_login(other_journalist)

    listing = client.get(admin("articles/article/")).content.decode()
    boxes = client.get(admin("editorial/analysisbox/")).content.decode()
    found = client.get(
        "/admin/autocomplete/",
        {
            "app_label": "articles",
            "model_name": "relatedlink",
            "field_name": "to_article",
            "term": "",
        },
    ).json()["results"]

    assert "LIVE-ONE" in listing and "OWN-DRAFT" in listing
    assert "Second words" not in listing  # the owner's draft
    assert "Second words" not in boxes
    assert {item["text"] for item in found} == {live.headline, own.headline}
