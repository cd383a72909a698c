"""Readable content history: snapshots of what readers see, word-level diffs
between them, and a revert that writes the old words as a new revision."""

import difflib
import re

import reversion
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django_prose_editor.fields import ProseEditorField
from reversion.models import Version

from .models import KeyTakeaway

TAKEAWAYS = "takeaways"


# Block ends become line breaks, so a diff reads paragraph by paragraph.
_BLOCK_END = re.compile(r"</(p|h[1-6]|li|blockquote)>|<br\s*/?>", re.IGNORECASE)


def field_text(model, name, value):
    # Only rich text is markup; in a plain field "<svg …>" is what was typed
    # and the editor must see it as such.
    if not isinstance(model._meta.get_field(name), ProseEditorField):
        return str(value or "")
    text = _BLOCK_END.sub("\n", str(value or ""))
    return "\n".join(
        line.strip() for line in strip_tags(text).splitlines() if line.strip()
    )


def snapshot(obj):
    """The versioned content of an article or an analysis box as text."""
    data = {
        name: field_text(type(obj), name, getattr(obj, name))
        for name in obj.CONTENT_FIELDS
    }
    if hasattr(obj, "takeaways"):
        data[TAKEAWAYS] = "\n".join(t.text for t in obj.takeaways.order_by("position"))
    return data


def version_snapshot(version):
    fields = version.field_dict
    model = version._model
    data = {
        name: field_text(model, name, fields.get(name)) for name in model.CONTENT_FIELDS
    }
    if hasattr(model, "takeaways"):
        data[TAKEAWAYS] = "\n".join(
            text for _position, text in _version_takeaways(version)
        )
    return data


def _version_takeaways(version):
    content_type = ContentType.objects.get_for_model(KeyTakeaway)
    rows = [
        v.field_dict
        for v in version.revision.version_set.filter(content_type=content_type)
    ]
    return sorted(
        (row["position"], row["text"])
        for row in rows
        if str(row["article_id"]) == version.object_id
    )


def versions_of(obj):
    """Newest first."""
    return (
        Version.objects.get_for_object(obj)
        .select_related("revision", "revision__user")
        .order_by("-revision__date_created", "-pk")
    )


def label(model, name):
    if name == TAKEAWAYS:
        return _("Key takeaways")
    return capfirst(model._meta.get_field(name).verbose_name)


def _word_diff(old, new):
    old_words, new_words = old.split(" "), new.split(" ")
    parts = []
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(escape(" ".join(old_words[a1:a2])))
            continue
        if a2 > a1:
            parts.append(f"<del>{escape(' '.join(old_words[a1:a2]))}</del>")
        if b2 > b1:
            parts.append(f"<ins>{escape(' '.join(new_words[b1:b2]))}</ins>")
    return " ".join(part for part in parts if part)


def diff(model, old, new):
    """[(field label, HTML with <del>/<ins>)] for every field that changed."""
    changes = []
    for name, new_value in new.items():
        old_value = old.get(name, "")
        if old_value == new_value:
            continue
        lines = [
            _word_diff(a, b)
            for a, b in zip(
                _pad(old_value.split("\n"), new_value.split("\n")),
                _pad(new_value.split("\n"), old_value.split("\n")),
                strict=True,
            )
        ]
        changes.append((label(model, name), mark_safe("<br>".join(lines))))
    return changes


def _pad(lines, other):
    return lines + [""] * (len(other) - len(lines))


@transaction.atomic
def revert(obj, version, *, by):
    """Put the version's content back as a new revision; workflow fields stay
    as they are. For an approved analysis box this is an edit like any
    other: it goes back to review."""
    fields = version.field_dict
    for name in obj.CONTENT_FIELDS:
        setattr(obj, name, fields.get(name, getattr(obj, name)))
    obj.updated_by = by
    with reversion.create_revision():
        reversion.set_user(by)
        reversion.set_comment(
            _("Reverted to the version of %(when)s")
            % {"when": version.revision.date_created.strftime("%Y-%m-%d %H:%M")}
        )
        obj.save()
        if hasattr(obj, "takeaways"):
            obj.takeaways.all().delete()
            KeyTakeaway.objects.bulk_create(
                KeyTakeaway(article=obj, text=text, position=position)
                for position, text in _version_takeaways(version)
            )
            # bulk_create sends no signals: add the new rows to the revision.
            for takeaway in obj.takeaways.all():
                reversion.add_to_revision(takeaway)
    return obj
