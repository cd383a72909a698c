from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InterchangeConfig(AppConfig):
    """Import and export of whole articles: the JSON interchange format and
    WordPress. It sits on top of both `articles` and `editorial` (an article
    travels with its analysis box), so neither of them imports it."""

    name = "interchange"
    verbose_name = _("content interchange")
