"""An article on its way in, whatever file it came from, and what is wrong
with it."""

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    field: str
    message: str


@dataclass
class Record:
    position: int  # 1-based place in the file
    data: dict  # one article in the interchange format
    image_root: Path  # hero_image.file is relative to it
    # (source, id in the source) for articles from another system.
    source: tuple[str, str] | None = None
    source_label: str = ""
    # Keys the source cannot carry: an update leaves them as they are.
    keep_existing: frozenset = frozenset()
    slug_from_title: bool = False  # the source gave none
    problems: list[Problem] = field(default_factory=list)

    @property
    def slug(self):
        slug = self.data.get("slug") if isinstance(self.data, dict) else None
        return slug if isinstance(slug, str) else None

    @property
    def valid(self):
        return not self.problems

    def add(self, field_name, message):
        self.problems.append(Problem(field_name, str(message)))

    def describe(self):
        where = f"article {self.position}"
        if self.source_label:
            where += f" ({self.source_label})"
        if self.slug:
            where += f', slug "{self.slug}"'
        return where

    def report_lines(self):
        return [
            f'{self.describe()}, field "{problem.field}": {problem.message}'
            for problem in self.problems
        ]
