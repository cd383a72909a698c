"""Django's makemessages, which also finds every message of the Jinja2
templates (newsroom/jinja2.py).

Django's own pass reads each template as a Django template: in a Jinja2 one
it finds `_("…")` without arguments, but not `_("Topic: %(name)s", name=…)`
or `ngettext(…)`. Jinja2's parser finds them all, and each is written into
the file that Django's pass hands to xgettext, on the line it came from, so
the catalogue points at the template's own lines.
"""

from django.core.management.commands import makemessages
from jinja2 import Environment, TemplateSyntaxError
from jinja2.ext import extract_from_ast

_PARSER = Environment(extensions=["jinja2.ext.i18n"])

# The keyword xgettext knows in Python for each of Jinja2's functions, and
# how many of the call's first arguments are its texts.
_KEYWORDS = {
    "_": ("gettext", 1),
    "gettext": ("gettext", 1),
    "ngettext": ("ngettext", 2),
    "pgettext": ("pgettext", 2),
    "npgettext": ("npgettext", 3),
}


def jinja2_messages(source):
    """(line, call) for each message of a Jinja2 template, `call` being the
    Python text xgettext reads; none for a template Jinja2 cannot parse,
    which is a Django template left to Django's pass."""
    try:
        tree = _PARSER.parse(source)
    except TemplateSyntaxError:
        return []
    found = []
    for line, function, message in extract_from_ast(tree, tuple(_KEYWORDS)):
        keyword, count = _KEYWORDS[function]
        texts = message if isinstance(message, tuple) else (message,)
        texts = texts[:count]
        # A text given by a variable has nothing to translate.
        if len(texts) == count and all(isinstance(text, str) for text in texts):
            found.append((line, f"{keyword}({', '.join(map(repr, texts))})"))
    return found


class BuildFile(makemessages.BuildFile):
    def preprocess(self):
        super().preprocess()
        if not self.is_templatized or self.domain != "django":
            return
        with open(self.path, encoding="utf-8") as source:
            found = jinja2_messages(source.read())
        if not found:
            return
        with open(self.work_path, encoding="utf-8") as work:
            lines = work.read().split("\n")
        for line, call in found:
            # Django's pass keeps the template's lines, one for one.
            lines.extend([""] * (line - len(lines)))
            lines[line - 1] += f" {call}"
        with open(self.work_path, "w", encoding="utf-8") as work:
            work.write("\n".join(lines))


class Command(makemessages.Command):
    help = makemessages.Command.help + " Jinja2 templates included."
    build_file_class = BuildFile

    def handle(self, *args, **options):
        # The npm tools for the browser tests hold thousands of templates.
        options["ignore_patterns"] = [*options["ignore_patterns"], "node_modules"]
        super().handle(*args, **options)
