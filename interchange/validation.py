"""Checks an interchange file before anything is written.

Every problem is collected (not just the first) with the article it belongs to
and the field, so that a newsroom can fix a whole file in one go.
"""

import json
from datetime import datetime
from functools import cache
from pathlib import Path, PurePosixPath

from django.core.exceptions import ValidationError
from jsonschema import Draft202012Validator

from articles.models import Article, validate_one_sentence
from editorial.models import AnalysisBox

from .images import validate_image_file
from .models import SourceRecord

SCHEMA_PATH = Path(__file__).resolve().parent / "schema" / "articles-v1.schema.json"
FORMAT_VERSION = 1
EXAMPLE_TIME = "2026-03-01T09:30:00+00:00"


@cache
def file_schema():
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@cache
def article_validator():
    schema = file_schema()
    return Draft202012Validator(
        {"$ref": "#/$defs/article", "$defs": schema["$defs"]},
    )


class FileError(Exception):
    """The file as a whole cannot be read: no article to name."""


def parse_file(text):
    """The list of article objects in an articles.json text."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise FileError(
            f"articles.json is not valid JSON: {error.msg} at line {error.lineno}, "
            f"column {error.colno}."
        ) from error
    if not isinstance(document, dict):
        raise FileError("articles.json must hold one JSON object.")
    unknown = sorted(set(document) - {"version", "articles"})
    if unknown:
        raise FileError(
            "articles.json has unknown top-level keys: " + ", ".join(unknown) + "."
        )
    if document.get("version") != FORMAT_VERSION:
        raise FileError(
            f'articles.json has "version": {json.dumps(document.get("version"))}; '
            f"this Newsroom reads version {FORMAT_VERSION}."
        )
    if not isinstance(document.get("articles"), list):
        raise FileError('articles.json needs "articles": a list of articles.')
    return document["articles"]


def parse_time(value):
    """An aware datetime from the format's ISO 8601 text, or ValueError."""
    parsed = datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        raise ValueError("no UTC offset")
    return parsed


# --- structure (JSON Schema) -------------------------------------------------


def _field_name(path):
    name = ""
    for part in path:
        if isinstance(part, int):
            name += f" #{part + 1}"
        else:
            name += f".{part}" if name else part
    return name or "(article)"


def _json_type(value):
    return {
        dict: "an object",
        list: "a list",
        str: "text",
        bool: "true/false",
        int: "a number",
        float: "a number",
        type(None): "null",
    }.get(type(value), type(value).__name__)


def _schema_problems(error):
    """(field, message) pairs for one jsonschema error, in plain words."""
    path = list(error.absolute_path)
    kind = error.validator
    value = error.instance
    if kind in {"oneOf", "anyOf"} and error.context:
        # "X or null": only the non-null branch says something useful.
        first_branch = [e for e in error.context if e.relative_schema_path[0] == 0]
        return [p for e in first_branch for p in _schema_problems(e)]
    if kind == "required":
        missing = [key for key in error.validator_value if key not in value]
        return [(_field_name([*path, key]), "is missing") for key in missing]
    if kind == "additionalProperties":
        known = set(error.schema.get("properties", {}))
        return [
            (_field_name([*path, key]), "unknown key: the format has no such field")
            for key in value
            if key not in known
        ]
    field = _field_name(path)
    if kind == "type":
        expected = error.validator_value
        expected = expected if isinstance(expected, list) else [expected]
        words = {
            "string": "text",
            "object": "an object",
            "array": "a list",
            "null": "null",
            "integer": "a whole number",
        }
        wanted = " or ".join(words.get(t, t) for t in expected)
        return [(field, f"must be {wanted}, not {_json_type(value)}")]
    if kind == "maxLength":
        return [
            (
                field,
                f"is {len(value)} characters long; at most "
                f"{error.validator_value} are allowed",
            )
        ]
    if kind == "minLength":
        return [(field, "must not be empty")]
    if kind == "enum":
        allowed = ", ".join(json.dumps(v) for v in error.validator_value)
        return [(field, f"is {json.dumps(value)}; must be one of {allowed}")]
    if kind == "pattern":
        if path and path[-1] == "published_at":
            return [
                (
                    field,
                    f"{json.dumps(value)} is not an ISO 8601 date and time with "
                    f"a UTC offset, such as {EXAMPLE_TIME}",
                )
            ]
        return [
            (
                field,
                f"{json.dumps(value)} is not a slug: use only letters, digits, "
                "hyphens and underscores",
            )
        ]
    if kind == "uniqueItems":
        return [(field, "lists the same value more than once")]
    if kind == "maxItems":
        return [
            (
                field,
                f"has {len(value)} entries; at most {error.validator_value} "
                "are allowed",
            )
        ]
    return [(field, error.message)]


def check_structure(record):
    if not isinstance(record.data, dict):
        record.add("(article)", f"must be an object, not {_json_type(record.data)}")
        return
    errors = sorted(
        article_validator().iter_errors(record.data),
        key=lambda e: [str(p) for p in e.absolute_path],
    )
    for error in errors:
        for field, message in _schema_problems(error):
            record.add(field, message)


# --- meaning (what a schema cannot say) --------------------------------------


def _text(data, key):
    value = data.get(key)
    return value if isinstance(value, str) else None


def check_time_and_status(record):
    data = record.data
    published_at = _text(data, "published_at")
    if published_at is not None:
        try:
            parse_time(published_at)
        except ValueError:
            if not any(p.field == "published_at" for p in record.problems):
                record.add(
                    "published_at",
                    f"{json.dumps(published_at)} is not a real date and time "
                    f"with a UTC offset, such as {EXAMPLE_TIME}",
                )
    if (
        data.get("status") == Article.Status.PUBLISHED
        and "published_at" in data
        and data["published_at"] is None
    ):
        record.add("published_at", "a published article needs its publication time")


def check_takeaways(record):
    takeaways = record.data.get("takeaways")
    if not isinstance(takeaways, list):
        return
    for number, text in enumerate(takeaways, start=1):
        if not isinstance(text, str):
            continue
        try:
            validate_one_sentence(text)
        except ValidationError as error:
            record.add(f"takeaways #{number}", " ".join(error.messages))


def resolve_image_path(root, name):
    """The file `name` inside `root`, or ValueError when it points outside."""
    relative = PurePosixPath(name)
    if relative.is_absolute() or ".." in relative.parts or "\\" in name:
        raise ValueError("must be a path inside the import directory")
    root = Path(root).resolve()
    path = (root / relative).resolve()
    if not path.is_relative_to(root):
        raise ValueError("must be a path inside the import directory")
    return path


def check_hero_image(record):
    hero = record.data.get("hero_image")
    if not isinstance(hero, dict) or not isinstance(hero.get("file"), str):
        return
    try:
        path = resolve_image_path(record.image_root, hero["file"])
    except ValueError as error:
        record.add("hero_image.file", f"{json.dumps(hero['file'])} {error}")
        return
    if not path.is_file():
        record.add(
            "hero_image.file",
            f"{json.dumps(hero['file'])}: no such file in {record.image_root}",
        )
        return
    try:
        validate_image_file(path)
    except ValidationError as error:
        record.add("hero_image.file", " ".join(error.messages))


def check_analysis(record, existing, approver):
    if "analysis" in record.keep_existing:
        return
    analysis = record.data.get("analysis")
    wanted = analysis.get("status") if isinstance(analysis, dict) else None
    if wanted == AnalysisBox.Status.APPROVED and approver is None:
        record.add(
            "analysis.status",
            "an approved analysis box needs an editor to approve it: pass "
            "--as USERNAME naming an account allowed to approve analysis boxes",
        )
    box = AnalysisBox.objects.filter(article=existing).first() if existing else None
    if (
        box is not None
        and box.is_public
        and wanted != AnalysisBox.Status.APPROVED
        and approver is None
    ):
        record.add(
            "analysis",
            "this would withdraw an editor's approval of the existing analysis "
            "box: pass --as USERNAME naming an account allowed to do that",
        )


def existing_article(record):
    """The article this record updates, or None when it creates one."""
    if record.source:
        source, source_id = record.source
        linked = (
            SourceRecord.objects.filter(source=source, source_id=source_id)
            .select_related("article")
            .first()
        )
        if linked:
            return linked.article
    if record.slug is None:
        return None
    return Article.objects.filter(slug=record.slug).first()


def check_identity(record, existing):
    """A slug taken by another article, or an article of a different source
    item, is not silently overwritten."""
    if record.slug is None:
        return
    holder = Article.objects.filter(slug=record.slug).first()
    if holder is not None and existing is not None and holder.pk != existing.pk:
        record.add(
            "slug",
            f'"{record.slug}" already belongs to another article ("{holder}")',
        )
        return
    if record.source and holder is not None:
        other = SourceRecord.objects.filter(article=holder).first()
        if other is not None and (other.source, other.source_id) != record.source:
            record.add(
                "slug",
                f'"{record.slug}" already belongs to an article imported from '
                f"{other.get_source_display()} item {other.source_id}",
            )


def check_duplicates(records):
    first_seen = {}
    for record in records:
        if record.slug is None:
            continue
        if record.slug in first_seen:
            record.add(
                "slug",
                f'"{record.slug}" is also the slug of article {first_seen[record.slug]}'
                " in this file",
            )
        else:
            first_seen[record.slug] = record.position


def check_related(records):
    """Related slugs may point anywhere in the file or to an article already in
    the database; when invalid articles are skipped, links to them fail too."""
    in_file = {r.slug: r for r in records if r.slug}
    wanted = {
        slug
        for r in records
        if "related" not in r.keep_existing and isinstance(r.data, dict)
        for slug in (r.data.get("related") or [])
        if isinstance(slug, str)
    }
    in_database = set(
        Article.objects.filter(slug__in=wanted - set(in_file)).values_list(
            "slug", flat=True
        )
    )
    for record in records:
        related = record.data.get("related") if isinstance(record.data, dict) else None
        if "related" in record.keep_existing or not isinstance(related, list):
            continue
        for number, slug in enumerate(related, start=1):
            if not isinstance(slug, str):
                continue
            if slug == record.slug:
                record.add(f"related #{number}", "an article cannot relate to itself")
            elif slug not in in_file and slug not in in_database:
                record.add(
                    f"related #{number}",
                    f'"{slug}" is neither in this file nor in the database',
                )
    return in_file, in_database


def drop_links_to_invalid(records, in_database):
    """With --skip-invalid: an article whose related article is skipped (and
    not already in the database) cannot be imported either."""
    by_slug = {r.slug: r for r in records if r.slug}
    changed = True
    while changed:
        changed = False
        for record in records:
            if not record.valid or "related" in record.keep_existing:
                continue
            for number, slug in enumerate(record.data.get("related", []), start=1):
                target = by_slug.get(slug)
                if target is not None and not target.valid and slug not in in_database:
                    record.add(
                        f"related #{number}",
                        f'"{slug}" is skipped because it is invalid',
                    )
                    changed = True
                    break


def validate_records(records, *, approver=None, skip_invalid=False):
    """Fill each record's problems; returns nothing, touches no data."""
    for record in records:
        check_structure(record)
    check_duplicates(records)
    for record in records:
        if not isinstance(record.data, dict):
            continue
        existing = existing_article(record)
        check_identity(record, existing)
        check_time_and_status(record)
        check_takeaways(record)
        check_hero_image(record)
        check_analysis(record, existing, approver)
    _, in_database = check_related(records)
    if skip_invalid:
        drop_links_to_invalid(records, in_database)
