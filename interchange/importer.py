"""Writes validated records into the database."""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, transaction
from django.utils.text import slugify

from articles.models import (
    Article,
    Author,
    Byline,
    KeyTakeaway,
    RelatedLink,
    Section,
    TransitionError,
)
from articles.sanitize import sanitize_html
from editorial.models import AnalysisBox

from .hero import clear_hero, write_hero
from .models import SourceRecord
from .validation import existing_article, parse_time, resolve_image_path

# What can go wrong with one article once validation passed (a race with an
# editor, a full disk); anything else is a bug and should be loud.
IMPORT_ERRORS = (
    DatabaseError,
    ValidationError,
    TransitionError,
    PermissionDenied,
    OSError,
)


@dataclass
class Outcome:
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    failed: list = field(default_factory=list)  # records that broke on write


def unique_slug(model, name, max_length):
    base = (slugify(name) or model._meta.model_name)[: max_length - 8]
    slug, number = base, 1
    while model.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def section_named(name):
    section = Section.objects.filter(name=name).first()
    if section is None:
        section = Section.objects.create(name=name, slug=unique_slug(Section, name, 80))
    return section


def author_named(name):
    author = Author.objects.filter(name=name).order_by("pk").first()
    if author is None:
        author = Author.objects.create(name=name, slug=unique_slug(Author, name, 120))
    return author


def write_analysis(article, analysis, approver):
    box = AnalysisBox.objects.filter(article=article).first()
    if analysis is None:
        if box is not None:
            box.delete()
        return
    if box is None:
        box = AnalysisBox(article=article, status=AnalysisBox.Status.SUBMITTED)
    box.kicker = analysis["kicker"]
    box.heading = analysis["heading"]
    box.body = analysis["body_html"]
    box.attribution = analysis["attribution"]
    box.label = analysis["label"]
    # save() sends a changed approved box back to review by itself.
    box.save()
    wanted = analysis["status"]
    if wanted == AnalysisBox.Status.APPROVED:
        if not box.is_public:
            if box.status != AnalysisBox.Status.SUBMITTED:
                # Approval is given to submitted text; the file vouches that
                # it was handed in, the editor named by --as approves it.
                box.status = AnalysisBox.Status.SUBMITTED
                box.save(update_fields=["status", "updated_at"])
            box.approve(by=approver)
        return
    if box.is_public:
        box.revoke_approval(by=approver)
    if box.status != wanted:
        # The file states where the box stands; only approval (above) needs
        # an editor's decision.
        box.status = wanted
        box.save(update_fields=["status", "updated_at"])


def write_article(record, approver):
    """Create or update one article's own fields; related links come later.
    Returns (article, created)."""
    data = record.data
    article = existing_article(record)
    created = article is None
    if created:
        article = Article()
    article.slug = data["slug"]
    article.headline = data["headline"]
    article.dek = data["dek"]
    article.body = sanitize_html(data["body_html"])
    article.section = section_named(data["section"])
    article.status = data["status"]
    article.published_at = (
        parse_time(data["published_at"]) if data["published_at"] else None
    )
    # Saved first: a new article needs its id before its picture and links.
    article.save()
    hero = data["hero_image"]
    if hero is None:
        clear_hero(article)
    else:
        write_hero(
            article,
            resolve_image_path(record.image_root, hero["file"]),
            alt=hero["alt"],
            caption=hero["caption"],
            credit=hero["credit"],
            # Optional in the format: files written before it existed lack it.
            copyright=hero.get("copyright", ""),
            uploaded_by=approver,
        )
    article.tags.set(data["tags"], clear=True)
    Byline.objects.filter(article=article).delete()
    Byline.objects.bulk_create(
        Byline(article=article, author=author_named(name), position=position)
        for position, name in enumerate(data["authors"])
    )
    if "takeaways" not in record.keep_existing:
        article.takeaways.all().delete()
        KeyTakeaway.objects.bulk_create(
            KeyTakeaway(article=article, text=text, position=position)
            for position, text in enumerate(data["takeaways"], start=1)
        )
    if "analysis" not in record.keep_existing:
        write_analysis(article, data["analysis"], approver)
    if record.source:
        source, source_id = record.source
        SourceRecord.objects.update_or_create(
            source=source, source_id=source_id, defaults={"article": article}
        )
    return article, created


def write_related(record):
    if "related" in record.keep_existing:
        return
    article = Article.objects.get(slug=record.slug)
    targets = Article.objects.in_bulk(record.data["related"], field_name="slug")
    article.related_links.all().delete()
    RelatedLink.objects.bulk_create(
        RelatedLink(from_article=article, to_article=targets[slug], position=position)
        for position, slug in enumerate(record.data["related"], start=1)
    )


class WriteError(Exception):
    """Writing one article failed in an all-or-nothing import."""

    def __init__(self, record, error):
        super().__init__(f"{record.describe()} could not be written: {error}")
        self.record = record


def _run(record, step, outcome, each_on_its_own):
    if not each_on_its_own:
        try:
            return step()
        except IMPORT_ERRORS as error:
            raise WriteError(record, error) from error
    try:
        with transaction.atomic():
            return step()
    except (*IMPORT_ERRORS, KeyError) as error:
        record.add("(article)", f"could not be written: {error}")
        outcome.failed.append(record)
        return None


def import_records(records, *, approver=None, each_on_its_own=False, progress=None):
    """Write every valid record. With `each_on_its_own`, each article is its own
    transaction and one that fails is reported; otherwise the caller's single
    transaction makes it all or nothing."""
    outcome = Outcome()
    valid = [r for r in records if r.valid]
    for record in valid:
        result = _run(
            record,
            lambda r=record: write_article(r, approver),
            outcome,
            each_on_its_own,
        )
        if result is not None:
            (outcome.created if result[1] else outcome.updated).append(record)
        if progress:
            progress.advance()
    for record in valid:
        if record.valid:
            _run(record, lambda r=record: write_related(r), outcome, each_on_its_own)
    return outcome
