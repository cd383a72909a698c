"""A one-line progress bar for long imports, shown only on a terminal so that
CI logs and cron mails stay quiet."""


def _plain(text):
    # The bar goes to stderr, which a command colours as an error on a terminal.
    return text


class Progress:
    WIDTH = 30

    def __init__(self, stream, total, label):
        self.stream = stream
        self.total = total
        self.label = label
        self.done = 0
        self.enabled = bool(total) and stream.isatty()
        self._draw()

    def advance(self):
        self.done += 1
        self._draw()

    def finish(self):
        if self.enabled:
            self.stream.write("\n", style_func=_plain, ending="")
            self.stream.flush()

    def _draw(self):
        if not self.enabled:
            return
        filled = self.WIDTH * self.done // self.total
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        self.stream.write(
            f"\r{self.label} [{bar}] {self.done}/{self.total}",
            style_func=_plain,
            ending="",
        )
        self.stream.flush()
