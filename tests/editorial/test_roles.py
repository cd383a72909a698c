import pytest
from django.contrib.auth.models import Group, Permission

from editorial.roles import EDITOR, JOURNALIST, sync_roles
from tests.factories import ensure_roles

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def roles():
    ensure_roles()


def permissions_of(role):
    return set(
        Group.objects.get(name=role).permissions.values_list("codename", flat=True)
    )


def test_the_roles_grant_what_each_role_does():
    journalist = permissions_of(JOURNALIST)
    editor = permissions_of(EDITOR)

    assert {"add_article", "change_article", "add_analysisbox"} <= journalist
    assert not {"publish_article", "approve_analysisbox", "delete_article"} & journalist
    assert {"publish_article", "approve_analysisbox", "delete_article"} <= editor


def test_syncing_again_changes_nothing_and_repairs_drift():
    before = {role: permissions_of(role) for role in (JOURNALIST, EDITOR)}
    journalists = Group.objects.get(name=JOURNALIST)
    journalists.permissions.add(Permission.objects.get(codename="publish_article"))

    sync_roles(Group, Permission)
    sync_roles(Group, Permission)

    assert Group.objects.filter(name__in=[JOURNALIST, EDITOR]).count() == 2
    assert {role: permissions_of(role) for role in (JOURNALIST, EDITOR)} == before
