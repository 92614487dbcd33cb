"""A small text progress bar for management commands (no dependency needed for one line)."""

import sys
import time


class ProgressBar:
    """Redraws one line on a terminal; elsewhere (CI logs) prints a line every 25 %."""

    def __init__(self, stream=None, width: int = 30):
        self.stream = stream or sys.stderr
        self.width = width
        self.tty = hasattr(self.stream, "isatty") and self.stream.isatty()
        self._last: tuple[str, int] | None = None
        self._started = time.monotonic()

    def __call__(self, label: str, done: int, total: int) -> None:
        fraction = done / total if total else 1.0
        pct = int(fraction * 100)
        if self.tty:
            filled = int(fraction * self.width)
            bar = "#" * filled + "-" * (self.width - filled)
            elapsed = time.monotonic() - self._started
            self.stream.write(f"\r{label:<20} [{bar}] {pct:3d}%  {elapsed:5.1f}s")
            if done >= total:
                self.stream.write("\n")
            self.stream.flush()
        elif self._last is None or self._last[0] != label or pct // 25 > self._last[1] // 25:
            self.stream.write(f"{label}: {pct}%\n")
        self._last = (label, pct)
