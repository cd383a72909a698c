"""makemessages finds the messages of the Jinja2 templates too
(articles/management/commands/makemessages.py)."""

import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

from articles.management.commands.makemessages import jinja2_messages

TEMPLATE = """{% extends "base.html" %}
{% block title %}{{ _("Topic: %(name)s", name=tag.name) }}{% endblock %}
{% block content %}
<p>{{ _("Nothing yet.") }}</p>
<p>{{ ngettext("%(num)s article", "%(num)s articles", count) }}</p>
<p>{{ _(variable_text) }} {{ pgettext("month", "May") }}</p>
{% endblock %}
"""


class TestJinja2Messages:
    def test_placeholders_plurals_and_contexts_on_their_lines(self):
        assert jinja2_messages(TEMPLATE) == [
            (2, "gettext('Topic: %(name)s')"),
            (4, "gettext('Nothing yet.')"),
            (5, "ngettext('%(num)s article', '%(num)s articles')"),
            (6, "pgettext('month', 'May')"),
        ]

    def test_quotes_and_other_scripts_stay_python_text(self):
        ((_, call),) = jinja2_messages("""{{ _("It's “%(q)s”\\n") }}""")
        assert eval(call, {"gettext": lambda text: text}) == "It's “%(q)s”\n"

    def test_a_django_template_is_left_to_django(self):
        assert jinja2_messages('{% load i18n %}{% translate "Hello" %}') == []


@pytest.mark.skipif(
    shutil.which("xgettext") is None,
    reason="makemessages needs GNU gettext's xgettext, which is not installed "
    "(apt-get install gettext; CI installs it)",
)
def test_catalogue_holds_every_message_of_the_project_templates(
    tmp_path, monkeypatch, settings
):
    # A copy of the project's templates, so the catalogue is written there.
    shutil.copytree(Path(settings.BASE_DIR) / "templates", tmp_path / "templates")
    (tmp_path / "locale").mkdir()
    monkeypatch.chdir(tmp_path)
    settings.LOCALE_PATHS = [tmp_path / "locale"]

    call_command("makemessages", locale=["de"], verbosity=0)

    catalogue = (tmp_path / "locale/de/LC_MESSAGES/django.po").read_text()
    assert 'msgid "Topic: %(name)s"' in catalogue
    assert 'msgid "Skip to main content"' in catalogue
    assert 'msgid "%(counter)s article matches “%(query)s”."' in catalogue
    assert 'msgid_plural "%(counter)s articles match “%(query)s”."' in catalogue
    assert "#: templates/articles/tag.html:4" in catalogue
    # The files given to xgettext are removed again.
    assert not list(tmp_path.rglob("*.html.py"))
