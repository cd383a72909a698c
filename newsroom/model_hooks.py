"""A hook for models that add to Django's __init__."""


class AfterInit:
    """Model mixin: `after_init()` runs once Django's `__init__` has set the
    fields. articles.compiled builds the instances of its queries without
    `__init__` (it cost five times as much as storing the values) and calls
    `after_init()` itself for models whose only addition this is."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.after_init()

    def after_init(self):
        pass
